import { apiError } from '../http/api-error.js';
import { noContent, ok, type Result } from '../http/result.js';
import type { EndpointRow, UserRow } from '../storage/rows.js';
import { queryValue, type OwnedRequest } from './console-request.js';
import { ownerEvent } from './audit-event.js';
import { getOwnedAuthEndpoint, getOwnedUser } from './owned-user.js';
import { sessionJson } from './serializers.js';

/** The user `?user=<uniqueId>` of the owner's auth endpoint `:endpointId`. */
async function getEndpointUser(req: OwnedRequest): Promise<{ endpoint: EndpointRow; user: UserRow }> {
  await getOwnedAuthEndpoint(req); // a data endpoint is refused before the missing parameter
  const userId = queryValue(req, 'user');
  if (!userId) {
    const message = 'user (the uniqueId of a user of this endpoint) is required.';
    throw apiError('invalid_parameter', message, { fields: { user: message } });
  }
  return getOwnedUser(req, userId);
}

/** GET …/sessions?user=<uniqueId>: every session of the user, oldest first, revoked ones included. */
export async function listUserSessions(req: OwnedRequest): Promise<Result> {
  const { endpoint, user } = await getEndpointUser(req);
  const sessions = await req.services.storage.listSessions(endpoint.id, user.uniqueId);
  return ok(sessions.map(sessionJson));
}

/** DELETE …/sessions?user=<uniqueId>: revokes every live session of the user (they must log in again). */
export async function revokeUserSessions(req: OwnedRequest): Promise<Result> {
  const { endpoint, user } = await getEndpointUser(req);
  const { storage } = req.services;
  const event = ownerEvent(req, endpoint.projectId, 'sessions.revoked_by_owner', { endpoint: endpoint.id, uniqueId: user.uniqueId });
  await storage.audited(event, () => storage.revokeUserSessions(user.uniqueId));
  return noContent();
}
