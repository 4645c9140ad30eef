import type { JsonValue, RecordEnvelope } from '@rested/shared';
import type { RecordRow, UserRow } from '../storage/rows.js';
import { isoTime } from './iso-time.js';

/** The record envelope; for a user row, its public data (which never holds the password). */
export function toEnvelope(row: RecordRow | UserRow): RecordEnvelope {
  const createdAt = isoTime(row.createdAt);
  const updatedAt = row.updatedAt.getTime() === row.createdAt.getTime() ? createdAt : isoTime(row.updatedAt);
  return { uniqueId: row.uniqueId, data: row.data, createdAt, updatedAt };
}

/** The record envelope, or `data` alone with dataOnly=true. */
export function shape(row: RecordRow | UserRow, dataOnly: boolean): RecordEnvelope | JsonValue {
  return dataOnly ? row.data : toEnvelope(row);
}
