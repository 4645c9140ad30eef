import { CONSOLE_HASH_QUEUE, hashPassword, verifyPassword } from '../auth/passwords.js';
import { foldIdentifier } from '../auth/identifiers.js';
import { apiError } from '../http/api-error.js';
import { refuseIfBusy, refuseIfThrottled } from '../http/refuse-if-throttled.js';
import { noContent, ok, type Result } from '../http/result.js';
import { param, type OwnedRequest } from './console-request.js';
import { Problems, readObject } from './input.js';
import { newPasswordOf } from './owner-recovery.js';

/**
 * POST /auth/password {currentPassword, newPassword}: 204, every other console session of the
 * owner revoked (this one stays). A wrong current password is 400 validation_failed on that field,
 * counted like a failed login.
 */
export async function changeOwnerPassword(req: OwnedRequest): Promise<Result> {
  const body = await readObject(req);
  const problems = new Problems();
  if (typeof body.currentPassword !== 'string' || body.currentPassword === '') problems.add('currentPassword', 'validation_failed', 'currentPassword is required.');
  const newPassword = newPasswordOf(body.newPassword, 'newPassword', problems);
  problems.throwIfAny();
  const { storage, consoleThrottle } = req.services;
  const { owner, session } = req.auth;
  const account = foldIdentifier(owner.email);
  refuseIfThrottled(await consoleThrottle.attempt(account, req.ip));
  if (!(await refuseIfBusy(verifyPassword(body.currentPassword as string, owner.passwordHash, CONSOLE_HASH_QUEUE)))) {
    throw apiError('validation_failed', 'The current password is wrong.', { fields: { currentPassword: 'The current password is wrong.' } });
  }
  await consoleThrottle.succeeded(account, req.ip);
  await storage.updateOwnerPassword(owner.id, await refuseIfBusy(hashPassword(newPassword, CONSOLE_HASH_QUEUE)));
  await storage.revokeOwnerSessions(owner.id, { exceptId: session.id });
  return noContent();
}

/** GET /auth/sessions: the owner's live console sessions, newest first, the current one marked. */
export async function listOwnSessions(req: OwnedRequest): Promise<Result> {
  const now = req.services.clock.now().getTime();
  const rows = await req.services.storage.listOwnerSessions(req.auth.owner.id);
  const live = rows.filter((s) => s.revokedAt === null && s.expiresAt.getTime() > now).reverse();
  return ok(live.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString(), current: s.id === req.auth.session.id })));
}

/** DELETE /auth/sessions/:sessionId: revokes one of the owner's own sessions (404 not_found for any other). */
export async function revokeOwnSession(req: OwnedRequest): Promise<Result> {
  const id = param(req, 'sessionId');
  const mine = (await req.services.storage.listOwnerSessions(req.auth.owner.id)).some((s) => s.id === id && s.revokedAt === null);
  if (!mine || !(await req.services.storage.revokeOwnerSession(id))) throw apiError('not_found', 'No such live session of yours.');
  return noContent();
}
