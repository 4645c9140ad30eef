import { EMAIL_RE, PASSWORD_MIN_LENGTH, escapeHtml } from '@rested/shared';
import { hashOneTimeToken } from '../auth/one-time-tokens.js';
import { CONSOLE_HASH_QUEUE, PASSWORD_MAX_LENGTH, hashPassword } from '../auth/passwords.js';
import { apiError } from '../http/api-error.js';
import { refuseIfBusy, refuseIfThrottled } from '../http/refuse-if-throttled.js';
import { accepted, noContent, ok, type Result } from '../http/result.js';
import type { ConsoleRequest } from './console-request.js';
import { Problems, readObject } from './input.js';
import { issueOwnerResetToken, ownerResetLink } from './owner-reset-tokens.js';

/** GET /auth/options: what the sign-in page offers. */
export async function authOptions(req: ConsoleRequest): Promise<Result> {
  const { config } = req.services;
  const hasOwners = await req.services.storage.hasOwners();
  return ok({ signup: config.signup, passwordReset: Boolean(config.ownerMail && config.publicUrl), hasOwners });
}

/**
 * POST /auth/password-reset {email}: 202 whether or not an owner has that email; if one has, a
 * reset link is mailed (SMTP_URL) to the dashboard's reset page (PUBLIC_URL). 409
 * email_not_configured without both; throttled like the runtime's reset requests.
 */
export async function requestOwnerReset(req: ConsoleRequest): Promise<Result> {
  const { config, storage, clock, mail, emailThrottle } = req.services;
  const { email } = await readObject(req);
  if (typeof email !== 'string' || email.length > 254 || !EMAIL_RE.test(email.trim())) {
    throw apiError('validation_failed', 'email must be a valid email address.', { fields: { email: 'email must be a valid email address.' } });
  }
  if (!config.ownerMail || !config.publicUrl) {
    throw apiError('email_not_configured', 'This server sends no mail (SMTP_URL and PUBLIC_URL are not set): run `npm run owner -- reset-password <email>` beside it.');
  }
  refuseIfThrottled(await emailThrottle.request(`console:${email.trim().toLowerCase()}`, `console:${req.ip}`), 'Too many reset requests. Try again later.');
  const owner = await storage.findOwnerByEmail(email.trim());
  if (!owner) {
    await storage.revokeOneTimeTokens('owner_password_reset', `unknown:${email}`); // the same write as a known email costs
    return accepted();
  }
  const link = ownerResetLink(config, await issueOwnerResetToken(storage, clock, owner.id));
  mail.enqueue({
    target: config.ownerMail.target,
    message: {
      from: config.ownerMail.from,
      to: owner.email,
      subject: 'Reset your rested password',
      text: `Someone asked to reset the password of your rested account ${owner.email}.\n\nOpen this link within an hour to choose a new one:\n${link}\n\nIf it was not you, ignore this email.`,
      html: `<p>Someone asked to reset the password of your rested account.</p><p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, within an hour).</p><p>If it was not you, ignore this email.</p>`,
    },
    requestId: req.requestId,
    scope: 'console',
    kind: 'owner_password_reset',
  });
  return accepted();
}

/** POST /auth/password-reset/confirm {token, password}: 204, the password replaced, every console session of the owner revoked. */
export async function confirmOwnerReset(req: ConsoleRequest): Promise<Result> {
  const { storage, emailThrottle } = req.services;
  const body = await readObject(req);
  const problems = new Problems();
  if (typeof body.token !== 'string' || body.token === '' || body.token.length > 256) problems.add('token', 'validation_failed', 'token must be the token from the reset link.');
  const password = newPasswordOf(body.password, 'password', problems);
  problems.throwIfAny();
  refuseIfThrottled(await emailThrottle.confirm(`console:${req.ip}`), 'Too many attempts. Try again later.');
  const passwordHash = await refuseIfBusy(hashPassword(password, CONSOLE_HASH_QUEUE));
  const row = await storage.consumeOneTimeToken('owner_password_reset', hashOneTimeToken(body.token as string), null);
  if (!row || !(await storage.updateOwnerPassword(row.subjectId, passwordHash))) {
    throw apiError('invalid_reset_token', 'This reset link is not valid: it was already used, has expired, or a newer one was sent. Ask for a new one.');
  }
  await storage.revokeOwnerSessions(row.subjectId);
  return noContent();
}

/** A new owner password: 8 to 1024 characters, else a problem on `field`. */
export function newPasswordOf(value: unknown, field: string, problems: Problems): string {
  if (typeof value !== 'string' || value.length < PASSWORD_MIN_LENGTH || value.length > PASSWORD_MAX_LENGTH) {
    problems.add(field, 'validation_failed', `${field} must be a string of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`);
  }
  return value as string;
}
