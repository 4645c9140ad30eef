import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createSlots, defaultHashSlots } from './hash-slots.js';

/**
 * Password hashing with scrypt (memory-hard, in Node's core, runs on the libuv thread pool so it
 * never blocks the event loop). Parameters: N=16384, r=8, p=1, 64-byte key, 16-byte random salt;
 * about 35–50 ms per hash on one core. At most `defaultHashSlots()` hashes run at once (one less
 * than the cores), so a flood of logins cannot starve the event loop. Stored as
 * `scrypt$N$r$p$salt$key` (base64), so parameters can be raised later without breaking old hashes.
 */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

/**
 * Process-wide on purpose, against the house rule: what it rations, libuv's thread pool and the
 * machine's cores, is shared by every app in the process.
 */
const hashSlot = createSlots(defaultHashSlots());

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return hashSlot(() => new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  }));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, made once per process: unknown users are checked against it,
 * so a login takes the same time whether or not the account exists.
 */
export function createDummyHash(): () => Promise<string> {
  let dummy: Promise<string> | undefined;
  return () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));
}
