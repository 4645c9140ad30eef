import { EMAIL_RE } from '@rested/shared';
import { requireProjectMailer } from '../email/project-mailer.js';
import { sealSecret } from '../email/secret-box.js';
import { sendMail, smtpReply } from '../email/smtp.js';
import { apiError } from '../http/api-error.js';
import { refuseIfThrottled } from '../http/refuse-if-throttled.js';
import { noContent, ok, type Result } from '../http/result.js';
import { ownerEvent } from './audit-event.js';
import type { OwnedRequest } from './console-request.js';
import { emailSettingsFields } from './email-settings-input.js';
import { emailSettingsJson } from './email-serializers.js';
import { readObject } from './input.js';
import { getOwnedProject } from './ownership.js';

/** GET /projects/:id/email: the settings without the password; 404 not_found before any are saved. */
export async function getEmailSettings(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const settings = await req.services.storage.findEmailSettings(project.id);
  if (!settings) throw apiError('not_found', 'This project has no email settings yet.');
  return ok(emailSettingsJson(settings, req.services.config.secret));
}

/**
 * PUT /projects/:id/email: creates or replaces the settings. The password is sealed (AES-256-GCM,
 * key from SECRET) before it is stored; leaving `pass` out keeps the stored one, null removes it.
 */
export async function putEmailSettings(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const { from, target, pass } = emailSettingsFields(await readObject(req));
  const { storage, config } = req.services;
  const stored = pass === undefined ? ((await storage.findEmailSettings(project.id))?.passwordSealed ?? null) : null;
  const passwordSealed = typeof pass === 'string' ? sealSecret(config.secret, project.id, pass) : stored;
  // The event names what changed, never the password.
  const event = ownerEvent(req, project.id, 'email.settings_changed', {}, { action: 'saved', host: target.host, passwordChanged: pass !== undefined });
  const saved = await storage.audited(event, () => storage.saveEmailSettings({ projectId: project.id, from, ...target, passwordSealed }));
  return ok(emailSettingsJson(saved, config.secret));
}

/** DELETE /projects/:id/email: no more mail from this project (the templates stay). */
export async function deleteEmailSettings(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const { storage } = req.services;
  const event = ownerEvent(req, project.id, 'email.settings_changed', {}, { action: 'deleted' });
  if (!(await storage.audited(event, () => storage.deleteEmailSettings(project.id)))) throw apiError('not_found', 'This project has no email settings.');
  return noContent();
}

/**
 * POST /projects/:id/email/test {to}: sends a test message now, on the request path, so the owner
 * sees the outcome: 200, or 502 email_delivery_failed with the SMTP server's own reply.
 */
export async function sendTestEmail(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const { to } = await readObject(req);
  if (typeof to !== 'string' || to.length > 254 || !EMAIL_RE.test(to)) {
    throw apiError('validation_failed', 'to must be a valid email address.', { fields: { to: 'to must be a valid email address.' } });
  }
  const mailer = await requireProjectMailer(req.services, project.id);
  refuseIfThrottled(await req.services.emailThrottle.testSend(project.id), 'Too many test emails. Try again later.');
  try {
    await sendMail(mailer.target, {
      from: mailer.from,
      to,
      subject: `Test email from ${project.name}`,
      text: `This is a test email from your rested project "${project.name}". Its email settings work.`,
      html: `<p>This is a test email from your rested project. Its email settings work.</p>`,
    });
  } catch (error) {
    throw apiError('email_delivery_failed', `The test email was not delivered. The SMTP server (${mailer.target.host}:${mailer.target.port}) said: ${smtpReply(error)}`);
  }
  return ok({ delivered: true, to });
}
