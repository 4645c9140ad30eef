import { apiError } from '../http/api-error.js';
import type { EndpointRow, ProjectRow } from '../storage/rows.js';
import { param, type OwnedRequest } from './console-request.js';

/**
 * The project `:id` if it belongs to the logged-in owner. Another owner's project answers
 * exactly like a missing one (404 project_not_found), so ids reveal nothing.
 */
export async function getOwnedProject(req: OwnedRequest): Promise<ProjectRow> {
  const project = await req.services.storage.findProjectById(param(req, 'id'));
  if (!project || project.ownerId !== req.auth.owner.id) throw apiError('project_not_found', 'No such project.');
  return project;
}

/** The endpoint `:endpointId` of the owner's project `:id`; any other endpoint is 404 endpoint_not_found. */
export async function getOwnedEndpoint(req: OwnedRequest): Promise<{ project: ProjectRow; endpoint: EndpointRow }> {
  const project = await getOwnedProject(req);
  const endpoint = await req.services.storage.findEndpointById(param(req, 'endpointId'));
  if (!endpoint || endpoint.projectId !== project.id) throw apiError('endpoint_not_found', 'No such endpoint in this project.');
  return { project, endpoint };
}
