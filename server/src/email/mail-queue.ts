import type { Logger } from 'pino';
import { sendMail, smtpReply, type MailMessage, type SmtpTarget } from './smtp.js';

/** One message to deliver, and what its log lines say about it (never its body or recipient's token). */
export interface MailJob {
  target: SmtpTarget;
  message: MailMessage;
  /** The request that asked for it. */
  requestId: string;
  /** A project id, or 'console' for owners' mail. */
  scope: string;
  /** What it is: password_reset, email_verification, owner_password_reset. */
  kind: string;
}

export interface MailQueue {
  /** Sends the job off the request path; false (and nothing queued) when the queue is full. */
  enqueue(job: MailJob): boolean;
  /** Stops the retries still waiting (the app is shutting down); sends under way finish. */
  close(): void;
}

export interface MailQueueOptions {
  logger: Logger;
  /** Waits before the 2nd, 3rd, … attempt: 3 attempts over about a minute by default. */
  retryDelaysMs?: readonly number[];
  /** Messages waiting or being sent at once, at most. */
  maxPending?: number;
  send?: (target: SmtpTarget, message: MailMessage) => Promise<void>;
}

export const MAIL_RETRY_DELAYS_MS = [15_000, 45_000] as const;

/**
 * A small in-memory queue: each message is tried at once, then again after each retry delay, and
 * given up after the last. Held in memory only, so no token is ever at rest in clear: a crash
 * loses a pending message and the user asks again. Failures are logged with the request id.
 */
export function createMailQueue(options: MailQueueOptions): MailQueue {
  const { logger, retryDelaysMs = MAIL_RETRY_DELAYS_MS, maxPending = 1000, send = sendMail } = options;
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  let closed = false;

  const attempt = (job: MailJob, n: number): void => {
    const about = { req: job.requestId, scope: job.scope, kind: job.kind, attempt: n };
    send(job.target, job.message).then(
      () => {
        pending--;
        logger.info(about, 'mail delivered');
      },
      (error: unknown) => {
        const delay = retryDelaysMs[n - 1];
        const final = delay === undefined || closed;
        logger.warn({ ...about, reply: smtpReply(error) }, final ? 'mail not delivered: given up' : 'mail not delivered: will retry');
        if (final) pending--;
        else later(() => attempt(job, n + 1), delay);
      },
    );
  };

  const later = (fn: () => void, ms: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  return {
    enqueue(job) {
      if (closed || pending >= maxPending) {
        logger.error({ req: job.requestId, scope: job.scope, kind: job.kind }, 'mail queue full: message dropped');
        return false;
      }
      pending++;
      setImmediate(() => attempt(job, 1));
      return true;
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
