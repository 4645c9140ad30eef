import { createHash, type Hash } from 'node:crypto';
import type { TransferKind, TransferRows } from '../storage/storage.js';
import { transferKey } from '../storage/transfer-keys.js';

/**
 * What backup counts, export writes, import reads and migrate copies: every kind of stored row,
 * in the order they are written (a row comes after the rows it refers to), with its Date fields.
 * A new kind of data is one entry here (and in TransferRows, transfer-keys.ts and each adapter's
 * transfer.ts).
 */
export interface KindSpec {
  kind: TransferKind;
  /** Its Date fields, written as ISO 8601 text; those that may be null. */
  dates: readonly string[];
  nullableDates?: readonly string[];
}

/** A KindSpec whose fields are checked against the rows of its kind. */
const spec = <K extends TransferKind>(kind: K, dates: ReadonlyArray<keyof TransferRows[K] & string>, nullableDates: ReadonlyArray<keyof TransferRows[K] & string> = []): KindSpec =>
  ({ kind, dates, nullableDates });

export const KINDS: readonly KindSpec[] = [
  spec('owners', ['createdAt']),
  spec('ownerSessions', ['createdAt', 'expiresAt'], ['revokedAt']),
  spec('projects', ['createdAt', 'updatedAt']),
  spec('endpoints', ['createdAt', 'updatedAt']),
  spec('users', ['createdAt', 'updatedAt'], ['disabledAt']),
  spec('sessions', ['createdAt', 'expiresAt', 'lastSeenAt'], ['revokedAt']),
  spec('records', ['createdAt', 'updatedAt']),
  spec('emailSettings', ['updatedAt']),
  spec('emailTemplates', ['createdAt', 'updatedAt']),
  spec('oneTimeTokens', ['createdAt', 'expiresAt']),
  spec('auditEvents', ['at']),
];

export type Counts = Record<TransferKind, number>;

export const kindSpec = (kind: string): KindSpec | undefined => KINDS.find((spec) => spec.kind === kind);
/** The row's key (storage/transfer-keys.ts): what a scan resumes after. */
export const keyOf = (spec: KindSpec, row: object): string => transferKey(spec.kind, row)!;
export const zeroCounts = (): Counts => Object.fromEntries(KINDS.map(({ kind }) => [kind, 0])) as Counts;

/** The row as plain JSON with its keys sorted (data left as stored): the same text from every store. */
export function canonicalRow(row: object): Record<string, unknown> {
  const sorted = (value: unknown, key: string): unknown => {
    if (key === 'data' || value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return value;
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v, k)]));
  };
  return JSON.parse(JSON.stringify(sorted(row, ''))) as Record<string, unknown>;
}

/** A row read back from its JSON: its Date fields revived; null when one of them is not a valid time. */
export function reviveRow(spec: KindSpec, json: Record<string, unknown>): object | null {
  const row: Record<string, unknown> = { ...json };
  const nullable = spec.nullableDates ?? [];
  for (const field of [...spec.dates, ...nullable]) {
    const value = json[field];
    if (value === null && nullable.includes(field)) continue;
    const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) return null;
    row[field] = date;
  }
  return transferKey(spec.kind, row) === null ? null : row;
}

/** A running SHA-256 per kind over the canonical rows in key order: equal sums, equal data. */
export class Checksums {
  private readonly hashes = new Map<TransferKind, Hash>();
  readonly counts = zeroCounts();

  add(kind: TransferKind, canonical: Record<string, unknown>): void {
    let hash = this.hashes.get(kind);
    if (!hash) this.hashes.set(kind, (hash = createHash('sha256')));
    hash.update(`${JSON.stringify(canonical)}\n`);
    this.counts[kind]++;
  }

  digests(): Record<TransferKind, string> {
    return Object.fromEntries(KINDS.map(({ kind }) => [kind, (this.hashes.get(kind) ?? createHash('sha256')).copy().digest('hex')])) as Record<TransferKind, string>;
  }
}
