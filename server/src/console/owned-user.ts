import { apiError } from '../http/api-error.js';
import type { EndpointRow, ProjectRow, UserRow } from '../storage/rows.js';
import type { OwnedRequest } from './console-request.js';
import { getOwnedEndpoint } from './ownership.js';

/** The owner's auth endpoint `:endpointId` (400 not_an_auth_endpoint for a data endpoint). */
export async function getOwnedAuthEndpoint(req: OwnedRequest): Promise<{ project: ProjectRow; endpoint: EndpointRow }> {
  const owned = await getOwnedEndpoint(req);
  if (!owned.endpoint.auth) {
    throw apiError('not_an_auth_endpoint', `${owned.endpoint.name} is a data endpoint: users and sessions belong to authentication endpoints.`);
  }
  return owned;
}

/** The user `userId` of the owner's auth endpoint `:endpointId`; 404 record_not_found for any other. */
export async function getOwnedUser(req: OwnedRequest, userId: string): Promise<{ project: ProjectRow; endpoint: EndpointRow; user: UserRow }> {
  const { project, endpoint } = await getOwnedAuthEndpoint(req);
  const user = await req.services.storage.findUserById(endpoint.id, userId);
  if (!user) throw apiError('record_not_found', 'No user with this uniqueId in this endpoint.');
  return { project, endpoint, user };
}
