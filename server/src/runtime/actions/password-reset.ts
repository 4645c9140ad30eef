import { PASSWORD_MIN_LENGTH } from '@rested/shared';
import { PASSWORD_RESET_TTL_MS } from '../../auth/one-time-tokens.js';
import { PASSWORD_MAX_LENGTH, hashPassword } from '../../auth/passwords.js';
import { apiError } from '../../http/api-error.js';
import { refuseIfBusy } from '../../http/refuse-if-throttled.js';
import { accepted, noContent, type Result } from '../../http/result.js';
import { confirmationToken, consumeUserToken, requestOneTimeMail, type OneTimeMailKind } from '../one-time-mail.js';
import { runtimeEvent } from '../audit-event.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { isJsonObject } from '../strategies.js';
import { isValidPassword } from '../user-fields.js';

export const PASSWORD_RESET: OneTimeMailKind = { purpose: 'password_reset', ttlMs: PASSWORD_RESET_TTL_MS };

/**
 * POST ?passwordreset=true. With `{email, templateName}`: mails a reset token (always 202, see
 * requestOneTimeMail). With `{token, password}`: sets the new password (204), uses the token up
 * and revokes every session of the user.
 */
export async function passwordReset(req: RuntimeRequest): Promise<Result> {
  const body = await req.readBody('json');
  if (isJsonObject(body) && body.token !== undefined) return confirmPasswordReset(req, body);
  await requestOneTimeMail(req, PASSWORD_RESET, body);
  return accepted();
}

const PASSWORD_RULE = `password must be a string of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;

/** A weak password is refused before the token is looked at, so the token stays usable. */
async function confirmPasswordReset(req: RuntimeRequest, body: Parameters<typeof confirmationToken>[1]): Promise<Result> {
  const token = await confirmationToken(req, body);
  if (!isValidPassword(body.password)) throw apiError('invalid_body', PASSWORD_RULE, { fields: { password: PASSWORD_RULE } });
  const passwordHash = await refuseIfBusy(hashPassword(body.password, req.project.id));
  const user = await consumeUserToken(req, PASSWORD_RESET, token);
  if (!user) throw invalidResetToken();
  const { storage } = req.services;
  // The hash first, then the sessions, as update-user does: a login in flight sees one or the other.
  const event = runtimeEvent(req, 'user.password_reset', { userId: user.uniqueId, uniqueId: user.uniqueId });
  const updated = await storage.audited(event, () => storage.updateUser(req.endpoint.id, user.uniqueId, () => ({ passwordHash })));
  if (!updated) throw invalidResetToken();
  await storage.revokeUserSessions(user.uniqueId);
  return noContent();
}

const invalidResetToken = () => apiError('invalid_reset_token', 'This reset link is not valid: it was already used, has expired, or a newer one was sent. Ask for a new one.');
