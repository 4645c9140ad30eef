import type { RateLimiter, Storage } from '../storage/storage.js';

const WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_IDENTIFIER = 10;
export const MAX_FAILURES_PER_IP = 100;

export interface LoginThrottle {
  /**
   * Counts one login attempt from this IP, before anything else is done, and answers the seconds
   * to wait when it is over its limit (0: go ahead).
   */
  attemptFromIp(ip: string): Promise<number>;
  /** The same for the account (or unknown name) the attempt is for. */
  attemptFor(identifier: string): Promise<number>;
  /** attemptFromIp, then (only when the IP may go on) attemptFor. */
  attempt(identifier: string, ip: string): Promise<number>;
  /** The attempt succeeded: the identifier's count starts over and the IP gets its point back. */
  succeeded(identifier: string, ip: string): Promise<void>;
}

/**
 * Login throttling: more than 10 failures for one identifier, or more than 100 from one IP,
 * within 15 minutes → refused until the window passes. Every attempt is counted up front with
 * the limiter's atomic increment (a success gives its point back), so a burst of parallel
 * guesses cannot slip past a check made before any of them failed. The IP is counted first, so
 * a blocked IP neither reaches the database nor fills the limiter with identifiers. Counters live in the
 * storage's limiter (per process on SQLite, shared through the database on MongoDB).
 */
export function createLoginThrottle(storage: Storage, prefix = 'login'): LoginThrottle {
  const byIdentifier: RateLimiter = storage.createRateLimiter({ keyPrefix: `${prefix}-id`, points: MAX_FAILURES_PER_IDENTIFIER, durationSeconds: WINDOW_SECONDS });
  const byIp: RateLimiter = storage.createRateLimiter({ keyPrefix: `${prefix}-ip`, points: MAX_FAILURES_PER_IP, durationSeconds: WINDOW_SECONDS });
  const throttle: LoginThrottle = {
    attemptFromIp: (ip) => byIp.consume(ip),
    attemptFor: (identifier) => byIdentifier.consume(identifier),
    async attempt(identifier, ip) {
      return (await throttle.attemptFromIp(ip)) || throttle.attemptFor(identifier);
    },
    async succeeded(identifier, ip) {
      await Promise.all([byIdentifier.delete(identifier), byIp.reward(ip, 1)]);
    },
  };
  return throttle;
}
