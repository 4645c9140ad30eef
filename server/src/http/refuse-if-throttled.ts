import { HashQueueFull } from '../auth/hash-slots.js';
import { apiError } from './api-error.js';

/** 429 too_many_requests with Retry-After when a throttle answered a wait; nothing when it answered 0. */
export function refuseIfThrottled(waitSeconds: number, message = 'Too many failed logins. Try again later.'): void {
  if (waitSeconds > 0) {
    throw apiError('too_many_requests', message, { headers: { 'Retry-After': String(waitSeconds) } });
  }
}

/**
 * `hashing` (a password hash or check), or 503 service_unavailable with Retry-After when the hash
 * queue was full and it hashed nothing; `onRefused` runs first (to give throttle points back).
 */
export async function refuseIfBusy<T>(hashing: Promise<T>, onRefused?: () => Promise<void>): Promise<T> {
  try {
    return await hashing;
  } catch (error) {
    if (!(error instanceof HashQueueFull)) throw error;
    await onRefused?.();
    throw apiError('service_unavailable', 'The server is busy checking passwords. Try again shortly.', {
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    });
  }
}
