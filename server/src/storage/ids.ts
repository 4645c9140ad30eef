import { randomBytes } from 'node:crypto';

const ID_BYTES = 16;
/** CSPRNG bytes drawn 256 ids at a time, each byte used once: one draw costs ≈ 5 µs here, a slice 0.15 µs. */
const POOL_BYTES = ID_BYTES * 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** 32 lower-case hex characters from a CSPRNG: record ids, user ids, session ids. */
export function newId(): string {
  if (offset === pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += ID_BYTES;
  return pool.toString('hex', offset - ID_BYTES, offset);
}

let lastMs = 0;
let sequence = 0;

/**
 * 32 lower-case hex characters that sort by `at`: 12 of milliseconds, 4 of a sequence that keeps
 * this process's ids of one millisecond in order, 16 from the CSPRNG. Audit event ids.
 */
export function newTimeOrderedId(at: Date): string {
  const ms = at.getTime();
  sequence = ms === lastMs ? (sequence + 1) & 0xffff : 0;
  lastMs = ms;
  return ms.toString(16).padStart(12, '0') + sequence.toString(16).padStart(4, '0') + newId().slice(0, 16);
}
