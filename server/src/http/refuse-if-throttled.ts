import { apiError } from './api-error.js';

/** 429 too_many_requests with Retry-After when a login throttle answered a wait; nothing when it answered 0. */
export function refuseIfThrottled(waitSeconds: number): void {
  if (waitSeconds > 0) {
    throw apiError('too_many_requests', 'Too many failed logins. Try again later.', { headers: { 'Retry-After': String(waitSeconds) } });
  }
}
