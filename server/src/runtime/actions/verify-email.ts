import { EMAIL_VERIFICATION_TTL_MS } from '../../auth/one-time-tokens.js';
import { apiError } from '../../http/api-error.js';
import { accepted, noContent, type Result } from '../../http/result.js';
import { confirmationToken, consumeUserToken, requestOneTimeMail, type OneTimeMailKind } from '../one-time-mail.js';
import { runtimeEvent } from '../audit-event.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { isJsonObject } from '../strategies.js';

export const EMAIL_VERIFICATION: OneTimeMailKind = { purpose: 'email_verification', ttlMs: EMAIL_VERIFICATION_TTL_MS };

/**
 * POST ?verifyemail=true. With `{email, templateName}`: mails a verification token (always 202).
 * With `{token}`: marks the user's email verified (204).
 */
export async function verifyEmail(req: RuntimeRequest): Promise<Result> {
  const body = await req.readBody('json');
  if (isJsonObject(body) && body.token !== undefined) {
    const token = await confirmationToken(req, body);
    const user = await consumeUserToken(req, EMAIL_VERIFICATION, token);
    const { storage } = req.services;
    const event = user && runtimeEvent(req, 'user.email_verified', { userId: user.uniqueId, uniqueId: user.uniqueId });
    const verified = user && event && (await storage.audited(event, () =>
      storage.updateUser(req.endpoint.id, user.uniqueId, (current) => ({ data: { ...current.data, emailVerified: true } }))));
    if (!verified) throw apiError('invalid_verification_token', 'This verification link is not valid: it was already used, has expired, or a newer one was sent. Ask for a new one.');
    return noContent();
  }
  await requestOneTimeMail(req, EMAIL_VERIFICATION, body);
  return accepted();
}
