import { EMAIL_RE } from '@rested/shared';
import { parseSmtpUrl, type SmtpTarget } from '../email/smtp.js';
import { Problems, isJsonObject, optionalBoolean, type JsonObject } from './input.js';

/** What a PUT of the email settings says; `pass` undefined keeps the stored password, null removes it. */
export interface EmailSettingsFields {
  from: string;
  target: Omit<SmtpTarget, 'pass'>;
  pass: string | null | undefined;
}

const MAX_FROM = 320;
const MAX_HOST = 253;
const MAX_CREDENTIAL = 1024;

/** `addr@host` or `Name <addr@host>`. */
function isSender(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_FROM || /[\r\n]/.test(value)) return false;
  const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value.trim();
  return EMAIL_RE.test(address);
}

/**
 * `{from, smtp: {host, port, secure?, user?, pass?}}` or `{from, url: "smtp(s)://user:pass@host:port"}`.
 * `secure` defaults to true on port 465 (TLS from the first byte) and false elsewhere (STARTTLS
 * when offered). Every bad field is reported at once.
 */
export function emailSettingsFields(body: JsonObject): EmailSettingsFields {
  const problems = new Problems();
  if (!isSender(body.from)) problems.add('from', 'validation_failed', 'from must be an email address, or a name and an address like "Acme <no-reply@acme.com>".');
  const smtp = body.url !== undefined ? fromUrl(body.url, problems) : fromObject(body.smtp, problems);
  problems.throwIfAny();
  return { from: (body.from as string).trim(), ...smtp! };
}

function fromUrl(url: unknown, problems: Problems): Omit<EmailSettingsFields, 'from'> | null {
  const target = typeof url === 'string' ? parseSmtpUrl(url) : null;
  if (!target) {
    problems.add('url', 'validation_failed', 'url must look like smtp://user:password@host:587 or smtps://user:password@host:465.');
    return null;
  }
  const { pass, ...rest } = target;
  return { target: rest, pass };
}

function fromObject(smtp: unknown, problems: Problems): Omit<EmailSettingsFields, 'from'> | null {
  if (!isJsonObject(smtp)) {
    problems.add('smtp', 'validation_failed', 'Give smtp: {host, port, secure, user, pass}, or url.');
    return null;
  }
  const { host, port, user, pass } = smtp;
  if (typeof host !== 'string' || host.trim() === '' || host.length > MAX_HOST || /[\s/]/.test(host)) problems.add('host', 'validation_failed', 'smtp.host must be a host name or address.');
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) problems.add('port', 'validation_failed', 'smtp.port must be a whole number from 1 to 65535.');
  const secure = optionalBoolean(smtp, 'secure', problems);
  if (user !== undefined && user !== null && (typeof user !== 'string' || user.length > MAX_CREDENTIAL)) problems.add('user', 'validation_failed', 'smtp.user must be a string or null.');
  if (pass !== undefined && pass !== null && (typeof pass !== 'string' || pass.length > MAX_CREDENTIAL)) problems.add('pass', 'validation_failed', 'smtp.pass must be a string or null.');
  const portNumber = port as number;
  return {
    target: { host: String(host).trim(), port: portNumber, secure: secure ?? portNumber === 465, user: typeof user === 'string' && user !== '' ? user : null },
    pass: pass === undefined ? undefined : typeof pass === 'string' && pass !== '' ? pass : null,
  };
}
