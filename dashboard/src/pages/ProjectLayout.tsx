import { Outlet, useParams } from 'react-router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Status';
import { TabLinks } from '../components/Tabs';
import { useProject } from '../features/projects/use-projects';
import { isApiError } from '../api/client';
import type { ProjectContext } from '../lib/outlet-context';

/** Loads the project named in the URL and gives it to the Endpoints and Settings screens. */
export function ProjectLayout() {
  const params = useParams();
  const projectId = params.projectId ?? '';
  const project = useProject(projectId);
  const base = `/projects/${encodeURIComponent(projectId)}`;

  if (project.isPending) return <Loading label="Loading project…" />;
  if (project.isError) {
    const missing = isApiError(project.error) && project.error.code === 404;
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: 'Projects', to: '/projects' }, { label: 'Not found' }]} />
        <ErrorAlert
          error={project.error}
          title={missing ? 'This project does not exist, or it is not yours.' : 'Could not load the project'}
          {...(missing ? {} : { onRetry: () => void project.refetch() })}
        />
      </div>
    );
  }
  const context: ProjectContext = { project: project.data };
  // Endpoint screens draw their own header (with the project in the breadcrumb).
  if (params.endpointId) return <Outlet context={context} />;
  return (
    <div className="page">
      <Breadcrumbs items={[{ label: 'Projects', to: '/projects' }, { label: project.data.name, to: base }]} />
      <header className="page__header">
        <h1 className="page__title">{project.data.name}</h1>
      </header>
      <TabLinks
        label="Project sections"
        tabs={[
          { to: base, label: 'Endpoints', end: true },
          { to: `${base}/monitor`, label: 'Monitor' },
          { to: `${base}/email`, label: 'Email' },
          { to: `${base}/activity`, label: 'Activity' },
          { to: `${base}/settings`, label: 'Settings' },
        ]}
      />
      <Outlet context={context} />
    </div>
  );
}
