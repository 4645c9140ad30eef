import { StorageError } from '../storage-error.js';

/** What one compare-and-set attempt answers when a concurrent write made its filter miss. */
export const RETRY = Symbol('retry');

/**
 * Compare-and-set retries. Every round of contention lets at least one writer through, so n
 * writers racing on one document need up to n attempts; past the first few, a short random pause
 * spreads the retries out.
 */
const MAX_ATTEMPTS = 100;
const backoff = (attempt: number) =>
  attempt < 3 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));

/**
 * Runs `attempt` (read, compute, write only if the document is still as read) until it answers
 * something other than RETRY; gives up with StorageError('unavailable') after MAX_ATTEMPTS.
 */
export async function compareAndSet<T>(attempt: () => Promise<T | typeof RETRY>, whatChanged: string): Promise<T> {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== RETRY) return result;
    await backoff(i);
  }
  throw new StorageError('unavailable', `The ${whatChanged} kept changing during the update; try again.`);
}
