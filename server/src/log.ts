import pino, { type Logger, type LoggerOptions } from 'pino';

/** How long an exiting process waits for its last log lines to be written. */
export const LOG_FLUSH_MS = 1000;

export interface ProcessLog {
  logger: Logger;
  /**
   * Ends the process with `code` once the log lines still buffered are written, or after
   * LOG_FLUSH_MS with those that could not be written dropped. Every exit of a server process
   * goes through here.
   */
  exit(code: number): void;
}

/**
 * The process's log: JSON lines on stdout, written asynchronously (pino's sonic-boom).
 *
 * Why `exit` exists: pino flushes such a destination synchronously when the process exits, and
 * sonic-boom's synchronous flush retries a failed write every 100 ms without end unless the error
 * is EAGAIN/EBUSY. When whoever read our stdout is gone (a supervisor or log shipper that died
 * with us, a test harness), every write fails with EPIPE and `process.exit` never returns. So the
 * log is ended (and pino's exit hook removed) while the event loop still runs, within a bound,
 * and only then does the process exit.
 */
export function openProcessLog(options: LoggerOptions): ProcessLog {
  const destination = pino.destination({ dest: 1, sync: false });
  const logger = pino(options, destination);
  let exiting = false;
  return {
    logger,
    exit(code) {
      if (exiting) return;
      exiting = true;
      const done = () => {
        // Whatever is still buffered stays unwritten: the exit hook must not retry it forever.
        destination.flushSync = () => undefined;
        process.exit(code);
      };
      setTimeout(done, LOG_FLUSH_MS);
      destination.once('close', done);
      destination.once('error', done);
      destination.end();
    },
  };
}
