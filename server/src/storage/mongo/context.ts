import mongoose from 'mongoose';
import type { AuditEventInput } from '../audit-rows.js';
import type { Models } from './models.js';

export interface MongoContext {
  models: Models;
  /** The injected clock's time, as a fresh Date. */
  now(): Date;
  /** An audit event that could not be written after its change (storage/mongo/audit.ts). */
  onAuditFailure(error: unknown, event: AuditEventInput): void;
}

/**
 * Marks an operator object written by this adapter as trusted: the connection runs with
 * sanitizeFilter, which turns any other `{$…}` object in a filter into a plain `$eq` value.
 */
export const op = <T extends object>(operator: T): T => mongoose.trusted(operator);

/**
 * findOneAndUpdate() answering the document after the update. Mongoose 9 deprecates `new: true`
 * (and `returnOriginal`) in favour of the driver's `returnDocument: 'after'`.
 */
export const AFTER_UPDATE = { returnDocument: 'after' } as const;

/** The entries of `patch` named in `keys` whose value is not undefined. */
export function pickDefined<T extends object, K extends keyof T>(patch: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    if (patch[key] !== undefined) picked[key] = patch[key];
  }
  return picked;
}
