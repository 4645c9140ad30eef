import { hashPassword } from '../../auth/passwords.js';
import { apiError } from '../../http/api-error.js';
import { refuseIfBusy } from '../../http/refuse-if-throttled.js';
import { ok, type Result } from '../../http/result.js';
import type { UserPatch, UserRow } from '../../storage/rows.js';
import { shape } from '../../wire/envelope.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { applyStrategy, isJsonObject, updateStrategy } from '../strategies.js';
import { runtimeEvent } from '../audit-event.js';
import { requireCurrentPassword } from '../current-password.js';
import { requireTargetUser, userNotFound } from '../user-access.js';
import { isValidPassword, userConflict, userFields, withEmailVerified } from '../user-fields.js';

/**
 * PUT / PATCH on an auth endpoint: update one's own record with a strategy. A new password needs
 * `currentPassword` (not with the master key: current-password.ts), is hashed and ends every
 * other session of the user (all of them when the master key made the change), with a
 * user.password_changed event; the hash is written first and the sessions revoked after, so a login in flight either
 * sees the new hash (login.ts re-reads it) or has its session revoked here. A new email is
 * unverified again (emailVerified false, pending verification tokens revoked). The strategy is applied inside storage's one write, to the record as it is then:
 * concurrent updates all land.
 */
export async function updateUser(req: RuntimeRequest): Promise<Result> {
  const strategy = updateStrategy(req);
  const { user, current } = await requireTargetUser(req); // who may write comes before reading what they sent
  const body = await req.readBody('json');
  if (!isJsonObject(body)) throw apiError('invalid_body', 'A user record must be a JSON object.');
  // Object rest and spread define own properties, so a `__proto__` key stays plain data.
  const { password, currentPassword, emailVerified: _ignored, ...changes } = body;
  // A password that will be refused anyway (too short, …) is reported with the other fields first.
  if (isValidPassword(password)) await requireCurrentPassword(req, user, currentPassword);
  // Hashed before the write (storage's `next` is synchronous); a refused password is reported by userFields below, unhashed.
  const passwordHash = isValidPassword(password) ? await refuseIfBusy(hashPassword(password, req.project.id)) : undefined;
  const next = (stored: UserRow): UserPatch => {
    const data = applyStrategy(stored.data, changes, strategy, req.services.config.bodyLimitBytes);
    const fields = userFields({ ...(data as object), ...(password === undefined ? {} : { password }) }, { passwordRequired: false });
    const verified = fields.emailLower === stored.emailLower && stored.data.emailVerified === true;
    return { data: withEmailVerified(fields.data, verified), usernameLower: fields.usernameLower, emailLower: fields.emailLower, passwordHash };
  };
  const { storage } = req.services;
  const write = () => storage.updateUser(req.endpoint.id, user.uniqueId, next);
  const event = runtimeEvent(req, 'user.password_changed', { userId: current?.user.uniqueId, uniqueId: user.uniqueId, sessionId: current?.session.id });
  const updated = await (passwordHash === undefined ? write() : storage.audited(event, write)).catch(userConflict);
  if (!updated) throw userNotFound();
  if (passwordHash !== undefined) await storage.revokeUserSessions(user.uniqueId, { exceptId: current?.session.id });
  // A verification mail sent to the old address must not verify the new one.
  if (updated.emailLower !== user.emailLower) await storage.revokeOneTimeTokens('email_verification', user.uniqueId);
  return ok(shape(updated, req.flags.dataOnly));
}
