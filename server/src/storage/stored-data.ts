/**
 * A record or user row read from storage, with its `data` parsed from the stored JSON text only
 * when something reads it. The text itself stays on the row as `dataJson`, so an answer can be
 * written from it without parsing and serializing again (wire/envelope.ts): a page of large
 * records then costs about its text, not the ≈ 20 times that parsed JSON can take.
 *
 * `dataJson` is not enumerable: a copy made by spreading the row (`{ ...row, data: next }`) has
 * the data and no stale text.
 */
export function withStoredData<Row extends { data: unknown; dataJson?: string }>(fields: Omit<Row, 'data' | 'dataJson'>, text: string): Row {
  let parsed: unknown;
  let read = false;
  Object.defineProperty(fields, 'data', {
    enumerable: true,
    get() {
      if (!read) {
        parsed = JSON.parse(text);
        read = true;
      }
      return parsed;
    },
  });
  Object.defineProperty(fields, 'dataJson', { value: text, enumerable: false });
  return fields as Row;
}
