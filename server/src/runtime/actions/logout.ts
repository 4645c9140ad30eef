import { LOGOUT_SCOPES, Q, type LogoutScope } from '@rested/shared';
import { apiError } from '../../http/api-error.js';
import { accessTokenCookie } from '../../http/cookies.js';
import { noContent, type Result } from '../../http/result.js';
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
 * `all` / `others`: need a valid token of this endpoint (401 otherwise).
 */
export async function logout(req: RuntimeRequest): Promise<Result> {
  const scope = scopeOf(req);
  const { storage } = req.services;
  if (scope === 'current') {
    const current = await loadCurrentUser(req);
    if (typeof current !== 'string' && current.session.endpointId === req.endpoint.id) await storage.revokeSession(current.session.id);
    return noContent({ cookies: [accessTokenCookie.clear()] });
  }
  const { user, session } = await requireOwnUser(req);
  if (scope === 'others') {
    await storage.revokeUserSessions(user.uniqueId, { exceptId: session.id });
    return noContent();
  }
  await storage.revokeUserSessions(user.uniqueId);
  return noContent({ cookies: [accessTokenCookie.clear()] });
}
