import { verifyPassword } from '../auth/passwords.js';
import { apiError } from '../http/api-error.js';
import { refuseIfBusy, refuseIfThrottled } from '../http/refuse-if-throttled.js';
import type { UserRow } from '../storage/rows.js';
import type { RuntimeRequest } from './runtime-request.js';

/**
 * A password change through the runtime must prove the old one (unless the master key made it):
 * 400 current_password_required without `currentPassword`, 401 invalid_credentials when it is
 * wrong. Guesses count against the account like failed logins (auth/login-throttle.ts), so a
 * stolen token cannot be used to try passwords faster than a login form could.
 */
export async function requireCurrentPassword(req: RuntimeRequest, user: UserRow, currentPassword: unknown): Promise<void> {
  if (req.master) return;
  if (typeof currentPassword !== 'string' || currentPassword === '') {
    const message = 'Give currentPassword (the password now in use) to set a new one.';
    throw apiError('current_password_required', message, { fields: { currentPassword: message } });
  }
  const { throttle } = req.services;
  const account = `${req.endpoint.id}:user:${user.uniqueId}`;
  const ipKey = `${req.project.id}:${req.ip}`;
  refuseIfThrottled(await throttle.attempt(account, ipKey));
  const valid = await refuseIfBusy(verifyPassword(currentPassword, user.passwordHash, req.project.id), () => throttle.withdrawn(account, ipKey));
  if (!valid) throw apiError('invalid_credentials', 'currentPassword is not the password now in use.');
  await throttle.succeeded(account, ipKey);
}
