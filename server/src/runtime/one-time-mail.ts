import { EMAIL_RE, type JsonValue } from '@rested/shared';
import { foldIdentifier } from '../auth/identifiers.js';
import { hashOneTimeToken, newOneTimeToken } from '../auth/one-time-tokens.js';
import { requireProjectMailer, type ProjectMailer } from '../email/project-mailer.js';
import { renderTemplate } from '../email/render-template.js';
import { apiError } from '../http/api-error.js';
import { refuseIfThrottled } from '../http/refuse-if-throttled.js';
import type { EmailTemplateRow, OneTimePurpose } from '../storage/email-rows.js';
import type { AuditEventInput } from '../storage/audit-rows.js';
import type { UserRow } from '../storage/rows.js';
import { runtimeEvent } from './audit-event.js';
import type { RuntimeRequest } from './runtime-request.js';
import { isJsonObject } from './strategies.js';

/** The runtime's two kinds of one-time mail. */
export interface OneTimeMailKind {
  purpose: Extract<OneTimePurpose, 'password_reset' | 'email_verification'>;
  ttlMs: number;
}

/** What a mail needs: the project's mailer and the named template (409 / 404 otherwise). */
export interface MailSetup {
  mailer: ProjectMailer;
  template: EmailTemplateRow;
}

/** What mailing a token needs of a request, runtime or console. */
export type MailRequest = Pick<RuntimeRequest, 'services' | 'requestId'> & { project: { id: string }; endpoint: { id: string } };

export async function requireMailSetup(req: Pick<MailRequest, 'services' | 'project'>, templateName: string): Promise<MailSetup> {
  const mailer = await requireProjectMailer(req.services, req.project.id);
  const template = await req.services.storage.findEmailTemplate(req.project.id, templateName);
  if (!template) throw apiError('template_not_found', `This project has no email template named "${templateName}".`);
  return { mailer, template };
}

/** `{email, templateName}`, or 400 invalid_body naming what is wrong. */
function mailRequestBody(body: JsonValue): { email: string; templateName: string } {
  const fields: Record<string, string> = {};
  const { email, templateName } = isJsonObject(body) ? body : {};
  if (typeof email !== 'string' || email.length > 254 || !EMAIL_RE.test(email)) fields.email = 'email must be a valid email address.';
  if (typeof templateName !== 'string' || templateName === '') fields.templateName = 'templateName must name one of the project\'s email templates.';
  if (Object.keys(fields).length > 0) throw apiError('invalid_body', Object.values(fields).join(' '), { fields });
  return { email: email as string, templateName: templateName as string };
}

/**
 * The request half of a reset or a verification: checks the body, the settings, the template and
 * the throttles (in that order), then mails a token if a user of this endpoint has the email. The
 * answer is the same either way; an unknown email costs one write too (one that changes nothing),
 * so both take about the same time.
 */
export async function requestOneTimeMail(req: RuntimeRequest, kind: OneTimeMailKind, body: JsonValue): Promise<void> {
  const { email, templateName } = mailRequestBody(body);
  const setup = await requireMailSetup(req, templateName);
  const emailLower = foldIdentifier(email);
  const wait = await req.services.emailThrottle.request(`${req.endpoint.id}:${emailLower}`, `${req.project.id}:${req.ip}`);
  refuseIfThrottled(wait, 'Too many email requests. Try again later.');
  const user = await req.services.storage.findUserByLogin(req.endpoint.id, { emailLower });
  if (user) await mailOneTimeToken(req, kind, setup, user, runtimeEvent(req, requestedEvent(kind), { uniqueId: user.uniqueId, details: { template: templateName } }));
  else await req.services.storage.revokeOneTimeTokens(kind.purpose, `unknown:${emailLower}`);
}

/** The event of a mailed token: that it was asked for, and for whom; never the token or the mail. */
export const requestedEvent = (kind: OneTimeMailKind) =>
  kind.purpose === 'password_reset' ? 'user.password_reset_requested' : 'user.email_verification_requested';

/** Issues a token to the user (replacing older ones), recording `event` with it, and queues the template to the user's email. */
export async function mailOneTimeToken(req: MailRequest, kind: OneTimeMailKind, setup: MailSetup, user: UserRow, event: AuditEventInput): Promise<void> {
  const { storage, clock, mail } = req.services;
  const email = typeof user.data.email === 'string' ? user.data.email : user.emailLower;
  if (!email) return;
  const token = newOneTimeToken();
  const issue = () => storage.issueOneTimeToken({
    tokenHash: hashOneTimeToken(token),
    purpose: kind.purpose,
    subjectId: user.uniqueId,
    projectId: req.project.id,
    endpointId: req.endpoint.id,
    expiresAt: new Date(clock.now().getTime() + kind.ttlMs),
  });
  await storage.audited(event, issue);
  const username = typeof user.data.username === 'string' ? user.data.username : undefined;
  const content = renderTemplate(setup.template, { verificationtoken: token, email, ...(username ? { username } : {}) });
  mail.enqueue({
    target: setup.mailer.target,
    message: { from: setup.mailer.from, to: email, ...content },
    requestId: req.requestId,
    scope: req.project.id,
    kind: kind.purpose,
  });
}

/** The `token` of a confirmation body (400 invalid_body unless a non-empty string), after the per-IP confirmation throttle. */
export async function confirmationToken(req: RuntimeRequest, body: { [key: string]: JsonValue }): Promise<string> {
  const { token } = body;
  if (typeof token !== 'string' || token === '' || token.length > 256) {
    throw apiError('invalid_body', 'token must be the token from the email.', { fields: { token: 'token must be the token from the email.' } });
  }
  refuseIfThrottled(await req.services.emailThrottle.confirm(`${req.project.id}:${req.ip}`), 'Too many attempts. Try again later.');
  return token;
}

/** The user a token was issued to on this endpoint, the token used up; null for an unknown, used or expired token. */
export async function consumeUserToken(req: RuntimeRequest, kind: OneTimeMailKind, token: string): Promise<UserRow | null> {
  const { storage } = req.services;
  const row = await storage.consumeOneTimeToken(kind.purpose, hashOneTimeToken(token), req.endpoint.id);
  return row && storage.findUserById(req.endpoint.id, row.subjectId);
}
