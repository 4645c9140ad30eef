import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createHashQueue, defaultHashSlots } from './hash-slots.js';

/**
 * Password hashing with scrypt (memory-hard, in Node's core, runs on the libuv thread pool so it
 * never blocks the event loop). Parameters: N=16384, r=8, p=1, 64-byte key, 16-byte random salt;
 * about 35–50 ms per hash on one core. Stored as `scrypt$N$r$p$salt$key` (base64), so parameters
 * can be raised later without breaking old hashes.
 */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

/** The longest password rested accepts (console and runtime): long enough for any passphrase, short enough that hashing stays cheap. */
export const PASSWORD_MAX_LENGTH = 1024;

/** Hashes waiting for a slot, per queue key (a project, or the console) and in all. */
export const MAX_HASHES_WAITING_PER_KEY = 64;
export const MAX_HASHES_WAITING = 1024;
/** What a refusal of a full queue suggests to wait: the queue drains in about that time. */
export const HASH_QUEUE_RETRY_AFTER_SECONDS = 2;

/** The queue key of console (owner) passwords; a runtime password uses its project's id. */
export const CONSOLE_HASH_QUEUE = 'console';

/**
 * Process-wide on purpose, against the house rule: what it rations, libuv's thread pool and the
 * machine's cores, is shared by every app in the process. At most `defaultHashSlots()` hashes run
 * at once (one less than the cores), so a flood of logins cannot starve the event loop; the rest
 * wait in one queue per key, served round-robin (hash-slots.ts), so a flood on one project delays
 * another project's logins by one hash per turn; beyond the bounds a hash is refused (HashQueueFull).
 */
const hashQueue = createHashQueue({
  slots: defaultHashSlots(),
  maxWaitingPerKey: MAX_HASHES_WAITING_PER_KEY,
  maxWaitingTotal: MAX_HASHES_WAITING,
  retryAfterSeconds: HASH_QUEUE_RETRY_AFTER_SECONDS,
});

function derive(queueKey: string, password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return hashQueue.run(queueKey, () => new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  }));
}

/** Rejects with HashQueueFull, having hashed nothing, when `queueKey`'s queue (or the whole queue) is full. */
export async function hashPassword(password: string, queueKey = CONSOLE_HASH_QUEUE): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(queueKey, password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Rejects with HashQueueFull as hashPassword does. */
export async function verifyPassword(password: string, stored: string, queueKey = CONSOLE_HASH_QUEUE): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(queueKey, password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Hashes waiting for a slot: under `queueKey`, or all of them. */
export const hashesWaiting = (queueKey?: string): number => hashQueue.waiting(queueKey);

/**
 * A hash of a random password, made once per app on first use (in the queue of the login that
 * needs it; made again if that failed): unknown users are checked against it, so a login takes
 * the same time whether or not the account exists.
 */
export function createDummyHash(): (queueKey?: string) => Promise<string> {
  let dummy: Promise<string> | undefined;
  return (queueKey) => {
    dummy ??= hashPassword(randomBytes(16).toString('hex'), queueKey).catch((error: unknown) => {
      dummy = undefined;
      throw error;
    });
    return dummy;
  };
}
