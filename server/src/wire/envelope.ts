import type { JsonValue, RecordEnvelope } from '@rested/shared';
import type { RecordRow, StoredJson, UserRow } from '../storage/rows.js';
import { isoTime } from './iso-time.js';

type Row = RecordRow | UserRow;

/** JSON as UTF-8 bytes in pieces, to be written one after the other (never joined into one buffer). */
export class JsonBytes {
  constructor(
    readonly parts: readonly Buffer[],
    readonly length: number,
  ) {}
}

/** JSON already serialized, as text or as bytes: http/respond.ts sends it as it is. */
export class JsonText {
  constructor(readonly text: string | JsonBytes) {}
}

export type JsonPiece = StoredJson | JsonBytes;

/**
 * JSON pieces written one after the other: a string while every piece is one; else bytes, each
 * run of strings encoded once and the byte pieces kept as they are (never decoded into a string,
 * never copied into one buffer).
 */
export function joinJson(pieces: readonly JsonPiece[]): string | JsonBytes {
  if (pieces.every((piece) => typeof piece === 'string')) return pieces.join('');
  const parts: Buffer[] = [];
  let run = '';
  const endRun = () => {
    if (run) parts.push(Buffer.from(run));
    run = '';
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') run += piece;
    else {
      endRun();
      parts.push(...(piece instanceof JsonBytes ? piece.parts : [piece]));
    }
  }
  endRun();
  return new JsonBytes(parts, parts.reduce((n, part) => n + part.length, 0));
}

/** The stored JSON of a row's data: the text (or bytes) of a row read from storage, nothing parsed; else serialized. */
export const dataText = (row: Row): StoredJson => row.dataJson ?? JSON.stringify(row.data);

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
 * The pieces of `JSON.stringify(toEnvelope(row))` (or of `data` with dataOnly), written from the
 * stored JSON of a row read from storage, so its data is neither parsed nor serialized again.
 */
function envelopePieces(row: Row, dataOnly: boolean, into: JsonPiece[]): void {
  const data = dataText(row);
  if (dataOnly) {
    into.push(data);
    return;
  }
  const { createdAt, updatedAt } = dates(row);
  into.push(`{"uniqueId":${JSON.stringify(row.uniqueId)},"data":`, data, `,"createdAt":"${createdAt}","updatedAt":"${updatedAt}"}`);
}

/** The JSON of one row's envelope (see envelopePieces). */
export function envelopeText(row: Row, dataOnly: boolean): string | JsonBytes {
  const pieces: JsonPiece[] = [];
  envelopePieces(row, dataOnly, pieces);
  return joinJson(pieces);
}

/** The answer for one row, or an array of rows: each envelope (or `data` alone with dataOnly=true). */
export function shape(rows: Row | readonly Row[], dataOnly: boolean): JsonText {
  if (!Array.isArray(rows)) return new JsonText(envelopeText(rows as Row, dataOnly));
  const pieces: JsonPiece[] = ['['];
  (rows as readonly Row[]).forEach((row, i) => {
    if (i > 0) pieces.push(',');
    envelopePieces(row, dataOnly, pieces);
  });
  pieces.push(']');
  return new JsonText(joinJson(pieces));
}
