import type { EmailSettings, EmailTemplate } from '@rested/shared';
import { openSmtpPassword } from '../email/project-mailer.js';
import type { EmailSettingsRow, EmailTemplateRow } from '../storage/email-rows.js';

/** Never the password, sealed or not: whether there is one, and whether it still opens. */
export function emailSettingsJson(row: EmailSettingsRow, secret: string): EmailSettings {
  return {
    from: row.from,
    smtp: { host: row.host, port: row.port, secure: row.secure, user: row.user },
    hasPassword: row.passwordSealed !== null,
    passwordUnreadable: openSmtpPassword(secret, row) === undefined,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function emailTemplateJson(row: EmailTemplateRow): EmailTemplate {
  return { name: row.name, subject: row.subject, html: row.html, text: row.text, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
