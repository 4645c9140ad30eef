import { parseSmtpUrl, type SmtpTarget } from '../email/smtp.js';

/** The server's own SMTP server and sender, for owners' password resets. */
export interface OwnerMailConfig {
  target: SmtpTarget;
  from: string;
}

type Env = Record<string, string | undefined>;

/**
 * PUBLIC_URL (an http(s) origin, maybe with a path) and SMTP_URL (`smtp(s)://user:pass@host:port`),
 * with SMTP_FROM (default `rested <no-reply@host of PUBLIC_URL>`). "Forgot password?" needs both.
 */
export function ownerMailConfig(env: Env, problems: string[]): { publicUrl: string | undefined; ownerMail: OwnerMailConfig | undefined } {
  const publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
  let host = 'localhost';
  if (publicUrl) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
      host = url.hostname;
    } catch {
      problems.push(`PUBLIC_URL must be an http(s) URL like https://rested.example.com (got "${env.PUBLIC_URL}")`);
    }
  }
  if (!env.SMTP_URL) return { publicUrl, ownerMail: undefined };
  const target = parseSmtpUrl(env.SMTP_URL);
  // Never echo SMTP_URL: it carries a password.
  if (!target) problems.push('SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465');
  const from = env.SMTP_FROM || `rested <no-reply@${host}>`;
  return { publicUrl, ownerMail: target ? { target, from } : undefined };
}
