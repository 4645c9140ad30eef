import { apiError } from '../http/api-error.js';
import { noContent, ok, type Result } from '../http/result.js';
import type { EndpointRow, UserRow } from '../storage/rows.js';
import { queryValue, type OwnedRequest } from './console-request.js';
import { getOwnedEndpoint } from './ownership.js';
import { sessionJson } from './serializers.js';

/** The user `?user=<uniqueId>` of the owner's auth endpoint `:endpointId`. */
async function getEndpointUser(req: OwnedRequest): Promise<{ endpoint: EndpointRow; user: UserRow }> {
  const { endpoint } = await getOwnedEndpoint(req);
  if (!endpoint.auth) {
    throw apiError('not_an_auth_endpoint', `${endpoint.name} is a data endpoint: sessions belong to users of authentication endpoints.`);
  }
  const userId = queryValue(req, 'user');
  if (!userId) {
    const message = 'user (the uniqueId of a user of this endpoint) is required.';
    throw apiError('invalid_parameter', message, { fields: { user: message } });
  }
  const user = await req.services.storage.findUserById(endpoint.id, userId);
  if (!user) throw apiError('record_not_found', 'No user with this uniqueId in this endpoint.');
  return { endpoint, user };
}

/** GET …/sessions?user=<uniqueId>: every session of the user, oldest first, revoked ones included. */
export async function listUserSessions(req: OwnedRequest): Promise<Result> {
  const { endpoint, user } = await getEndpointUser(req);
  const sessions = await req.services.storage.listSessions(endpoint.id, user.uniqueId);
  return ok(sessions.map(sessionJson));
}

/** DELETE …/sessions?user=<uniqueId>: revokes every live session of the user (they must log in again). */
export async function revokeUserSessions(req: OwnedRequest): Promise<Result> {
  const { user } = await getEndpointUser(req);
  await req.services.storage.revokeUserSessions(user.uniqueId);
  return noContent();
}
