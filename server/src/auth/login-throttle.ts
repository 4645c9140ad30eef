import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Storage } from '../storage/types.js';

const WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_IDENTIFIER = 10;
export const MAX_FAILURES_PER_IP = 100;

export interface LoginThrottle {
  /** Seconds until another try is allowed, or 0 when the caller may try now. */
  retryAfter(identifier: string, ip: string): Promise<number>;
  recordFailure(identifier: string, ip: string): Promise<void>;
  recordSuccess(identifier: string): Promise<void>;
}

/**
 * Login throttling: more than 10 failures for one identifier, or more than 100 from one IP,
 * within 15 minutes → refused until the window passes. Counters live in the storage's limiter
 * (per process on SQLite, shared through the database on MongoDB).
 */
export function createLoginThrottle(storage: Storage, prefix = 'login'): LoginThrottle {
  const byIdentifier = storage.createRateLimiter({ keyPrefix: `${prefix}-id`, points: MAX_FAILURES_PER_IDENTIFIER, durationSeconds: WINDOW_SECONDS });
  const byIp = storage.createRateLimiter({ keyPrefix: `${prefix}-ip`, points: MAX_FAILURES_PER_IP, durationSeconds: WINDOW_SECONDS });
  const wait = async (limiter: RateLimiterAbstract, key: string, points: number) => {
    const state = await limiter.get(key);
    return state && state.consumedPoints >= points ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0;
  };
  const consume = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection; // a store failure, not a refusal
    }
  };
  return {
    async retryAfter(identifier, ip) {
      return Math.max(await wait(byIdentifier, identifier, MAX_FAILURES_PER_IDENTIFIER), await wait(byIp, ip, MAX_FAILURES_PER_IP));
    },
    async recordFailure(identifier, ip) {
      await Promise.all([consume(byIdentifier, identifier), consume(byIp, ip)]);
    },
    async recordSuccess(identifier) {
      await byIdentifier.delete(identifier);
    },
  };
}
