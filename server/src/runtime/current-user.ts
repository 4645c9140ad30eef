import { verifyAccessToken } from '../auth/access-tokens.js';
import { projectSigningKey } from '../auth/keys.js';
import { apiError } from '../http/api-error.js';
import type { SessionRow, UserRow } from '../storage/rows.js';
import type { RuntimeRequest } from './runtime-request.js';

export interface CurrentUser {
  user: UserRow;
  session: SessionRow;
}

export type AuthProblem = 'token_missing' | 'token_invalid' | 'token_expired' | 'session_revoked' | 'user_not_found';

const MESSAGES: Record<AuthProblem, string> = {
  token_missing: 'Log in first: no access token came with the request.',
  token_invalid: 'The access token is not valid.',
  token_expired: 'The access token has expired. Log in again.',
  session_revoked: 'This session has ended (logged out). Log in again.',
  user_not_found: 'The user of this access token no longer exists.',
};

/**
 * Checks the request's token against its signature, its session and its user — on every request,
 * never cached, so a logout on one server instance is seen by all at once. Never throws.
 */
export async function loadCurrentUser(req: RuntimeRequest): Promise<CurrentUser | AuthProblem> {
  if (!req.token) return 'token_missing';
  const { storage, config, clock } = req.services;
  const claims = verifyAccessToken(projectSigningKey(config.secret, req.project.jwtSecret), req.token, req.project.id, clock.now());
  if (typeof claims === 'string') return claims;
  const found = await storage.findSessionWithUser(claims.sessionId);
  if (!found || found.session.revokedAt) return 'session_revoked';
  const { session, user } = found;
  if (session.userId !== claims.userId || session.projectId !== req.project.id) return 'token_invalid';
  if (session.expiresAt.getTime() <= clock.now().getTime()) return 'token_expired';
  return user ? { user, session } : 'user_not_found';
}

/** Like loadCurrentUser, but answers 401 with the precise reason when there is no valid user. */
export async function requireCurrentUser(req: RuntimeRequest): Promise<CurrentUser> {
  const current = await loadCurrentUser(req);
  if (typeof current === 'string') throw apiError(current, MESSAGES[current]);
  return current;
}

/** On an auth endpoint only its own users count: a token of another auth endpoint is treated as none. */
export async function requireOwnUser(req: RuntimeRequest): Promise<CurrentUser> {
  const current = await requireCurrentUser(req);
  if (current.session.endpointId !== req.endpoint.id) {
    throw apiError('unauthorized', 'This access token belongs to another authentication endpoint.');
  }
  return current;
}
