import { LOGOUT_SCOPES, Q, type LogoutScope } from '@rested/shared';
import { apiError } from '../../http/api-error.js';
import { accessTokenCookie } from '../../http/cookies.js';
import { noContent, type Result } from '../../http/result.js';
import { runtimeEvent } from '../audit-event.js';
import { loadCurrentUser, requireOwnUser } from '../current-user.js';
import { queryValue, type RuntimeRequest } from '../runtime-request.js';

function scopeOf(req: RuntimeRequest): LogoutScope {
  if (req.flags.allDevices) return 'all';
  const scope = (queryValue(req, Q.scope) ?? 'current').toLowerCase();
  if (!(LOGOUT_SCOPES as readonly string[]).includes(scope)) {
    throw apiError('invalid_parameter', `scope must be one of ${LOGOUT_SCOPES.join(', ')}.`);
  }
  return scope as LogoutScope;
}

/**
 * POST ?logout=true. `current` (default): revoke this session if the token is alive, and always
 * answer 204 with the cookie cleared, so a client can always reach the logged-out state.
 * `all` / `others`: need a valid token of this endpoint (401 otherwise). `sessionId=<id>`: one
 * session of the caller's (see logOutOneSession).
 */
export async function logout(req: RuntimeRequest): Promise<Result> {
  if (queryValue(req, Q.sessionId) !== undefined) return logOutOneSession(req);
  const scope = scopeOf(req);
  const { storage } = req.services;
  if (scope === 'current') {
    const current = await loadCurrentUser(req);
    if (typeof current !== 'string' && current.session.endpointId === req.endpoint.id) {
      const { user, session } = current;
      const event = runtimeEvent(req, 'user.logout', { userId: user.uniqueId, uniqueId: user.uniqueId, sessionId: session.id, details: { scope } });
      await storage.audited(event, () => storage.revokeSession(session.id));
    }
    return noContent({ cookies: [accessTokenCookie.clear()] });
  }
  const { user, session } = await requireOwnUser(req);
  const event = runtimeEvent(req, 'user.logout', { userId: user.uniqueId, uniqueId: user.uniqueId, sessionId: session.id, details: { scope } });
  await storage.audited(event, () => storage.revokeUserSessions(user.uniqueId, scope === 'others' ? { exceptId: session.id } : {}));
  return scope === 'others' ? noContent() : noContent({ cookies: [accessTokenCookie.clear()] });
}

/**
 * POST ?logout=true&sessionId=<id>: revokes that live session of the caller (204; the cookie is
 * cleared too when it is the request's own). Any other id, another user's included, is 404
 * session_not_found: whether it exists is never revealed, and it is never revoked.
 */
async function logOutOneSession(req: RuntimeRequest): Promise<Result> {
  const { user, session: current } = await requireOwnUser(req);
  const { storage } = req.services;
  const sessionId = queryValue(req, Q.sessionId) ?? '';
  const target = await storage.findSession(sessionId);
  const own = target && target.userId === user.uniqueId && target.endpointId === req.endpoint.id && target.revokedAt === null;
  const event = runtimeEvent(req, 'user.logout', { userId: user.uniqueId, uniqueId: user.uniqueId, sessionId, details: { scope: 'session' } });
  if (!own || !(await storage.audited(event, () => storage.revokeSession(sessionId)))) {
    throw apiError('session_not_found', 'You have no live session with this id.');
  }
  return sessionId === current.id ? noContent({ cookies: [accessTokenCookie.clear()] }) : noContent();
}
