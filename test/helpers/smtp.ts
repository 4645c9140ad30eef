import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/* A real SMTP server on loopback (smtp-server), its messages parsed with mailparser. */

export const SMTP_USER = 'mailer';
export const SMTP_PASS = 'smtp-pass-Zq8!v3';

export interface Mailbox {
  port: number;
  /** Every message received so far, in arrival order. */
  messages: ParsedMail[];
  /** The next message to arrive (or the first not yet taken), within `timeoutMs`. */
  next(timeoutMs?: number): Promise<ParsedMail>;
  /** SMTP logins tried, with the password given. */
  logins: { user: string; pass: string }[];
  close(): Promise<void>;
}

/** Starts the server (on `port`, or any free one): logins other than SMTP_USER / SMTP_PASS are refused with 535; no TLS (loopback). */
export async function startMailbox(port = 0): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  const logins: Mailbox['logins'] = [];
  const waiters: ((mail: ParsedMail) => void)[] = [];
  let taken = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        const waiter = waiters.shift();
        if (waiter) {
          taken++;
          waiter(mail);
        }
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    logins,
    next(timeoutMs = 5000) {
      if (taken < messages.length) return Promise.resolve(messages[taken++]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail arrived within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((mail) => {
          clearTimeout(timer);
          resolve(mail);
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The token a message carries, from its text (or HTML) part, where a template put {{verificationtoken}} after `token=`. */
export function tokenIn(mail: ParsedMail): string {
  const body = `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
  const match = /token=([A-Za-z0-9_-]{43})/.exec(body);
  if (!match) throw new Error(`no token in the message: ${body.slice(0, 200)}`);
  return match[1]!;
}
