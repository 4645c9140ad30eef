import { verifyAccessToken } from '../auth/access-tokens.js';
import { projectSigningKey } from '../auth/keys.js';
import { apiError } from '../http/api-error.js';
import type { SessionRow, UserRow } from '../storage/rows.js';
import type { RuntimeRequest } from './runtime-request.js';

export interface CurrentUser {
  user: UserRow;
  session: SessionRow;
}

export type AuthProblem = 'token_missing' | 'token_invalid' | 'token_expired' | 'session_revoked' | 'user_not_found' | 'user_disabled';

const MESSAGES: Record<AuthProblem, string> = {
  token_missing: 'Log in first: no access token came with the request.',
  token_invalid: 'The access token is not valid.',
  token_expired: 'The access token has expired. Log in again.',
  session_revoked: 'This session has ended (logged out). Log in again.',
  user_not_found: 'The user of this access token no longer exists.',
  user_disabled: 'This account has been disabled by the app\'s owner.',
};

/** lastSeenAt is kept to the minute: a session is written at most once a minute, not once per request. */
export const LAST_SEEN_EVERY_MS = 60_000;

/**
 * Checks the request's token against its signature, its session and its user — on every request,
 * never cached, so a logout or a disabled account on one server instance is seen by all at once.
 * Never throws.
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
  const now = clock.now();
  if (session.expiresAt.getTime() <= now.getTime()) return 'token_expired';
  if (!user) return 'user_not_found';
  if (user.disabledAt) return 'user_disabled';
  if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) touch(req, session, now);
  return { user, session };
}

/** Off the request path: a failed touch costs only a stale lastSeenAt, so it is logged, never answered. */
function touch(req: RuntimeRequest, session: SessionRow, now: Date): void {
  const { storage, logger } = req.services;
  session.lastSeenAt = now;
  storage.touchSession(session.id, now, LAST_SEEN_EVERY_MS).catch((error: unknown) =>
    logger.warn({ err: error, requestId: req.requestId }, 'could not record when a session was last seen'));
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
