import { randomBytes } from 'node:crypto';

/** 32 lower-case hex characters from a CSPRNG: record ids, user ids, keys. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}
