import type { JsonValue, RecordEnvelope } from '@rested/shared';
import type { RecordRow, UserRow } from '../storage/rows.js';
import { isoTime } from './iso-time.js';

type Row = RecordRow | UserRow;

/** JSON already serialized: http/respond.ts sends its text as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The JSON text of a row's data: the stored text of a row read from storage (nothing parsed), else serialized. */
export const dataText = (row: Row): string => row.dataJson ?? JSON.stringify(row.data);

function dates(row: Row): { createdAt: string; updatedAt: string } {
  const createdAt = isoTime(row.createdAt);
  return { createdAt, updatedAt: row.updatedAt.getTime() === row.createdAt.getTime() ? createdAt : isoTime(row.updatedAt) };
}

/** The record envelope as a value (for JSONata and the console); for a user row, its public data, which never holds the password. */
export function toEnvelope(row: Row): RecordEnvelope {
  return { uniqueId: row.uniqueId, data: row.data, ...dates(row) };
}

/** The envelope of each row, or `data` alone with dataOnly=true, as values (what JSONata evaluates). */
export function shapeValues(rows: Row | readonly Row[], dataOnly: boolean): JsonValue {
  const one = (row: Row) => (dataOnly ? row.data : (toEnvelope(row) as unknown as JsonValue));
  return Array.isArray(rows) ? rows.map(one) : one(rows as Row);
}

/**
 * The text of `JSON.stringify(toEnvelope(row))` (or of `data` with dataOnly), written from the
 * stored JSON text of a row read from storage, so its data is neither parsed nor serialized again.
 */
export function envelopeText(row: Row, dataOnly: boolean): string {
  const data = dataText(row);
  if (dataOnly) return data;
  const { createdAt, updatedAt } = dates(row);
  return `{"uniqueId":${JSON.stringify(row.uniqueId)},"data":${data},"createdAt":"${createdAt}","updatedAt":"${updatedAt}"}`;
}

/** The answer for one row, or an array of rows: each envelope (or `data` alone with dataOnly=true). */
export function shape(rows: Row | readonly Row[], dataOnly: boolean): JsonText {
  if (!Array.isArray(rows)) return new JsonText(envelopeText(rows as Row, dataOnly));
  return new JsonText(`[${rows.map((row: Row) => envelopeText(row, dataOnly)).join(',')}]`);
}
