import nodemailer from 'nodemailer';

/** Where and how to deliver: a project's settings with the password opened, or the server's SMTP_URL. */
export interface SmtpTarget {
  host: string;
  port: number;
  /** TLS from the first byte; otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  pass: string | null;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text?: string | undefined;
}

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;

/** Sends one message on a connection of its own (nodemailer's SMTP transport), closed afterwards. */
export async function sendMail(target: SmtpTarget, message: MailMessage): Promise<void> {
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    ...(target.user ? { auth: { user: target.user, pass: target.pass ?? '' } } : {}),
    ...TIMEOUTS,
    // Templates are the owner's HTML: they may not make the server read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

const MAX_REPLY = 500;

/** What the SMTP server answered (or why no answer came), for the owner to act on: never the message. */
export function smtpReply(error: unknown): string {
  const { response, message, code } = (error ?? {}) as { response?: unknown; message?: unknown; code?: unknown };
  const reply = typeof response === 'string' && response ? response : typeof message === 'string' ? message : String(error);
  const withCode = typeof code === 'string' && !reply.includes(code) ? `${reply} (${code})` : reply;
  return withCode.replace(/\s+/g, ' ').trim().slice(0, MAX_REPLY);
}

/** `smtp://user:pass@host:port` or `smtps://…` → a target; null when it is not such a URL. */
export function parseSmtpUrl(url: string): SmtpTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const secure = parsed.protocol === 'smtps:';
  if (!secure && parsed.protocol !== 'smtp:') return null;
  if (!parsed.hostname || parsed.pathname.replace(/\/+$/, '') !== '') return null;
  const decode = (part: string) => (part ? decodeURIComponent(part) : null);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    user: decode(parsed.username),
    pass: decode(parsed.password),
  };
}
