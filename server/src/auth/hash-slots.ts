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

export interface HashQueueLimits {
  /** Hashes running at once. */
  slots: number;
  /** Hashes waiting for a slot, per key (a project, or the console). */
  maxWaitingPerKey: number;
  /** Hashes waiting for a slot, all keys together. */
  maxWaitingTotal: number;
  /** The Retry-After a refusal suggests. */
  retryAfterSeconds: number;
}

/** The queue was full: nothing was hashed; try again after `retryAfterSeconds`. */
export class HashQueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many password hashes are waiting.');
    this.name = 'HashQueueFull';
  }
}

export interface HashQueue {
  /** Runs `task` in a free slot, after the tasks queued before it under other keys had their turn; HashQueueFull when over a bound. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Tasks waiting for a slot: under `key`, or all of them. */
  waiting(key?: string): number;
}

/**
 * A counting semaphore with one FIFO queue per key, served round-robin: a freed slot goes to the
 * first waiter of the key whose turn it is, and that key goes to the back of the turn. So a key
 * that floods the queue delays another key by one task per turn, never by its whole backlog. A
 * task beyond the bounds is refused at once (HashQueueFull), before it hashes anything.
 */
export function createHashQueue(limits: HashQueueLimits): HashQueue {
  let busy = 0;
  let waitingTotal = 0;
  const queues = new Map<string, (() => void)[]>(); // in turn order; only keys with waiters
  const release = () => {
    const turn = queues.entries().next();
    if (turn.done) {
      busy--;
      return;
    }
    const [key, queue] = turn.value;
    const start = queue.shift()!;
    waitingTotal--;
    queues.delete(key);
    if (queue.length > 0) queues.set(key, queue); // to the back of the turn
    start(); // the slot passes on: busy stays
  };
  const wait = (key: string) => {
    const queue = queues.get(key) ?? [];
    if (queue.length >= limits.maxWaitingPerKey || waitingTotal >= limits.maxWaitingTotal) {
      throw new HashQueueFull(limits.retryAfterSeconds);
    }
    if (queue.length === 0) queues.set(key, queue);
    waitingTotal++;
    return new Promise<void>((resolve) => queue.push(resolve));
  };
  return {
    async run(key, task) {
      if (busy < limits.slots) busy++;
      else await wait(key);
      try {
        return await task();
      } finally {
        release();
      }
    },
    waiting: (key) => (key === undefined ? waitingTotal : (queues.get(key)?.length ?? 0)),
  };
}
