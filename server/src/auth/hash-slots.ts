import { availableParallelism } from 'node:os';

/**
 * How many password hashes may run at once. scrypt runs on libuv's thread pool (4 threads): left
 * alone, a burst of logins keeps 4 threads hashing, and on a 2-core machine the event loop then
 * gets about a third of a core, so every other request waits behind the logins. Capping hashes at
 * one less than the core count keeps a core for the event loop; logins queue instead.
 */
export function defaultHashSlots(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** A counting semaphore: `run` waits for a free slot, first come first served. */
export function createSlots(size: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  };
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (busy < size) busy++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
