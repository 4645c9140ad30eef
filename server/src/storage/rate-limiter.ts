import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimiter } from './storage.js';

/**
 * rate-limiter-flexible's limiter behind our narrow interface. The library rejects a refused
 * `consume` with a plain result object (no Error) and a store failure with an Error; only the
 * first is a refusal, the second propagates.
 */
export function narrowLimiter(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        return Math.max(1, Math.ceil((rejection as { msBeforeNext: number }).msBeforeNext / 1000));
      }
    },
    async reward(key, points) {
      await limiter.reward(key, points);
    },
    async delete(key) {
      await limiter.delete(key);
    },
  };
}
