import type { JsonValue, RecordEnvelope } from '@rested/shared';
import type { RecordRow, UserRow } from '../storage/types.js';

export function toEnvelope(row: RecordRow | UserRow): RecordEnvelope {
  return { uniqueId: row.uniqueId, data: row.data, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** The record envelope, or `data` alone with dataOnly=true. */
export function shape(row: RecordRow | UserRow, dataOnly: boolean): RecordEnvelope | JsonValue {
  return dataOnly ? row.data : toEnvelope(row);
}
