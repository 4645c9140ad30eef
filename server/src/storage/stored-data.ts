import type { StoredJson } from './rows.js';

/**
 * A record or user row read from storage, with its `data` parsed from the stored JSON text only
 * when something reads it. The text itself stays on the row as `dataJson`, so an answer can be
 * written from it without parsing and serializing again (wire/envelope.ts): a page of large
 * records then costs about its text, not the ≈ 20 times that parsed JSON can take. Large records
 * of a page keep their text as bytes (storage/sqlite/pages.ts BYTES_ABOVE).
 *
 * `dataJson` is not enumerable: a copy made by spreading the row (`{ ...row, data: next }`) has
 * the data and no stale text.
 */
export function withStoredData<Row extends { data: unknown; dataJson?: StoredJson }>(fields: Omit<Row, 'data' | 'dataJson'>, text: StoredJson): Row {
  let parsed: unknown;
  let read = false;
  Object.defineProperty(fields, 'data', {
    enumerable: true,
    get() {
      if (!read) {
        parsed = JSON.parse(typeof text === 'string' ? text : text.toString('utf8'));
        read = true;
      }
      return parsed;
    },
  });
  Object.defineProperty(fields, 'dataJson', { value: text, enumerable: false });
  return fields as Row;
}
