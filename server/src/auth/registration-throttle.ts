import type { Storage } from '../storage/storage.js';

export const REGISTRATION_WINDOW_SECONDS = 10 * 60;
/** Registrations (attempts that passed validation) from one IP, per project or on the console, per window. */
export const MAX_REGISTRATIONS_PER_IP = 20;

export interface RegistrationThrottle {
  /** Counts one registration for `scope` (a project id, or 'console') from `ip`; answers the seconds to wait when over the limit (0: go ahead). */
  attempt(scope: string, ip: string): Promise<number>;
}

/**
 * Registration throttling: more than 20 registrations from one IP within 10 minutes, on one
 * project (or on the console's owner sign-up) → refused until the window passes. Every attempt
 * counts, accepted or not (a registration costs a password hash either way). Counters live in the
 * storage's limiter, as the login throttle's do.
 */
export function createRegistrationThrottle(storage: Storage): RegistrationThrottle {
  const byIp = storage.createRateLimiter({ keyPrefix: 'register-ip', points: MAX_REGISTRATIONS_PER_IP, durationSeconds: REGISTRATION_WINDOW_SECONDS });
  return { attempt: (scope, ip) => byIp.consume(`${scope}\n${ip}`) };
}
