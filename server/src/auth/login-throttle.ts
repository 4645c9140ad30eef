import type { RateLimiter, Storage } from '../storage/storage.js';

export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Failed logins for one account from one address, per window: a stranger locks out only their own address. */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 10;
/** Failed logins for one account from all addresses together, per window: the ceiling for distributed guessing. */
export const MAX_FAILURES_PER_ACCOUNT = 100;
/** Failed logins from one address, across accounts, per window. */
export const MAX_FAILURES_PER_IP = 100;

export interface LoginThrottle {
  /**
   * Counts one login attempt from this IP, before anything else is done, and answers the seconds
   * to wait when it is over its limit (0: go ahead).
   */
  attemptFromIp(ip: string): Promise<number>;
  /** The same for the account (or unknown name) the attempt is for: from this IP, then from anywhere. */
  attemptFor(account: string, ip: string): Promise<number>;
  /** attemptFromIp, then (only when the IP may go on) attemptFor. */
  attempt(account: string, ip: string): Promise<number>;
  /** The attempt succeeded: the account's count from this IP starts over, the IP and the account get their point back. */
  succeeded(account: string, ip: string): Promise<void>;
  /** The attempt checked no password (the hash queue was full): every count it made is given back. */
  withdrawn(account: string, ip: string): Promise<void>;
}

/**
 * Login throttling, within 15 minutes: more than 10 failures for one account from one IP, more
 * than 100 for one account from all IPs, or more than 100 from one IP across accounts → refused
 * until the window passes. Counting the account per IP first means a stranger's wrong guesses lock
 * only the stranger's address out; the account's own ceiling still stops guessing spread over many
 * addresses. Every attempt is counted up front with the limiter's atomic increment (a success
 * gives its points back), so a burst of parallel guesses cannot slip past a check made before any
 * of them failed. The IP is counted first, so a blocked IP neither reaches the database nor fills
 * the limiter with accounts. Counters live in the storage's limiter (per process on SQLite, shared
 * through the database on MongoDB).
 */
export function createLoginThrottle(storage: Storage, prefix = 'login'): LoginThrottle {
  const limiter = (suffix: string, points: number): RateLimiter =>
    storage.createRateLimiter({ keyPrefix: `${prefix}-${suffix}`, points, durationSeconds: LOGIN_WINDOW_SECONDS });
  const byAccountAndIp = limiter('id-ip', MAX_FAILURES_PER_ACCOUNT_AND_IP);
  const byAccount = limiter('id', MAX_FAILURES_PER_ACCOUNT);
  const byIp = limiter('ip', MAX_FAILURES_PER_IP);
  const pair = (account: string, ip: string) => `${account}\n${ip}`;
  const throttle: LoginThrottle = {
    attemptFromIp: (ip) => byIp.consume(ip),
    async attemptFor(account, ip) {
      return (await byAccountAndIp.consume(pair(account, ip))) || byAccount.consume(account);
    },
    async attempt(account, ip) {
      return (await throttle.attemptFromIp(ip)) || throttle.attemptFor(account, ip);
    },
    async succeeded(account, ip) {
      await Promise.all([byAccountAndIp.delete(pair(account, ip)), byAccount.reward(account, 1), byIp.reward(ip, 1)]);
    },
    async withdrawn(account, ip) {
      await Promise.all([byAccountAndIp.reward(pair(account, ip), 1), byAccount.reward(account, 1), byIp.reward(ip, 1)]);
    },
  };
  return throttle;
}
