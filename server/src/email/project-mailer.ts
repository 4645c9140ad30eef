import type { Services } from '../services.js';
import { apiError } from '../http/api-error.js';
import type { EmailSettingsRow } from '../storage/email-rows.js';
import { openSecret } from './secret-box.js';
import type { SmtpTarget } from './smtp.js';

/** A project's sender and SMTP server, the password opened. */
export interface ProjectMailer {
  from: string;
  target: SmtpTarget;
}

/** The stored password in clear; null when none is stored; undefined when it cannot be opened (SECRET changed). */
export function openSmtpPassword(secret: string, settings: EmailSettingsRow): string | null | undefined {
  if (settings.passwordSealed === null) return null;
  return openSecret(secret, settings.projectId, settings.passwordSealed) ?? undefined;
}

/** The project's mailer, or 409 email_not_configured (no settings, or a password that no longer opens). */
export async function requireProjectMailer(services: Services, projectId: string): Promise<ProjectMailer> {
  const settings = await services.storage.findEmailSettings(projectId);
  if (!settings) throw apiError('email_not_configured', 'This project has no email settings yet: set them in the dashboard (Email tab).');
  const pass = openSmtpPassword(services.config.secret, settings);
  if (pass === undefined) {
    throw apiError('email_not_configured', "The project's SMTP password can no longer be read (the server SECRET changed): enter it again in the email settings.");
  }
  const { host, port, secure, user, from } = settings;
  return { from, target: { host, port, secure, user, pass } };
}
