import { useOutletContext } from 'react-router';
import type { Endpoint, Project } from '@rested/shared';

export interface ProjectContext {
  project: Project;
}

export interface EndpointContext extends ProjectContext {
  endpoint: Endpoint;
}

export const useProjectContext = () => useOutletContext<ProjectContext>();
export const useEndpointContext = () => useOutletContext<EndpointContext>();
