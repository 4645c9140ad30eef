/*
 * Email settings and templates as the console API carries them (docs/password-reset.md), and the
 * checks the server and the dashboard share.
 */

/** The placeholders every template must contain, and the one it may. */
export const REQUIRED_PLACEHOLDERS = ['verificationtoken', 'email'] as const;
export const OPTIONAL_PLACEHOLDERS = ['username'] as const;
export type Placeholder = (typeof REQUIRED_PLACEHOLDERS)[number] | (typeof OPTIONAL_PLACEHOLDERS)[number];

export const TEMPLATE_NAME_RULES = 'Use 1–64 characters: a-z, 0-9 and "-".';
export const TEMPLATE_LIMITS = { subject: 998, html: 100_000, text: 100_000 } as const;

/** GET /api/console/projects/:id/email (the password is never answered). */
export interface EmailSettings {
  from: string;
  smtp: { host: string; port: number; secure: boolean; user: string | null };
  /** A password is stored (encrypted). */
  hasPassword: boolean;
  /** The stored password cannot be decrypted (SECRET changed): enter it again. */
  passwordUnreadable: boolean;
  updatedAt: string;
}

export interface EmailTemplate {
  name: string;
  subject: string;
  html: string;
  text: string | null;
  createdAt: string;
  updatedAt: string;
}

export function validateTemplateName(name: unknown): string | null {
  if (typeof name !== 'string' || !/^[a-z0-9-]{1,64}$/.test(name)) return `The template name is not valid. ${TEMPLATE_NAME_RULES}`;
  return null;
}

/** The required placeholders `body` (a template's html, or its text) lacks. */
export function missingPlaceholders(body: string): string[] {
  return REQUIRED_PLACEHOLDERS.filter((name) => !new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`, 'i').test(body));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Replaces `{{name}}` (any case, spaces allowed inside the braces) with its value, HTML-escaped
 * when `html` is true; placeholders it has no value for stay as written.
 */
export function fillTemplate(template: string, values: Partial<Record<Placeholder, string>>, options: { html: boolean }): string {
  return template.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name.toLowerCase() as Placeholder];
    if (value === undefined) return whole;
    return options.html ? escapeHtml(value) : value;
  });
}
