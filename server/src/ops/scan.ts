import type { Storage, TransferKind, TransferRows } from '../storage/storage.js';
import { Checksums, canonicalRow, KINDS, keyOf, kindSpec } from './kinds.js';

export interface ScanOptions {
  projectId?: string | undefined;
  /** Start after this key. */
  after?: string | undefined;
  batch?: number;
}

export const DEFAULT_BATCH = 500;

/** The rows of a kind in key order, a batch at a time, read through the storage seam. */
export async function* scanBatches<K extends TransferKind>(storage: Storage, kind: K, options: ScanOptions = {}): AsyncGenerator<Array<TransferRows[K]>> {
  const limit = options.batch ?? DEFAULT_BATCH;
  const spec = kindSpec(kind)!;
  let after = options.after;
  for (;;) {
    const rows = await storage.scanRows(kind, { after, limit, projectId: options.projectId });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < limit) return;
    after = keyOf(spec, rows.at(-1)!);
  }
}

/** Counts and checksums of everything the storage holds (or one project's part of it). */
export async function checksumsOf(storage: Storage, projectId?: string): Promise<Checksums> {
  const sums = new Checksums();
  for (const { kind } of KINDS) {
    for await (const rows of scanBatches(storage, kind, { projectId })) {
      for (const row of rows) sums.add(kind, canonicalRow(row));
    }
  }
  return sums;
}

/** How many rows of each kind the storage holds. */
export async function countsOf(storage: Storage): Promise<Record<TransferKind, number>> {
  const counts = await Promise.all(KINDS.map(async ({ kind }) => [kind, await storage.countRows(kind)] as const));
  return Object.fromEntries(counts) as Record<TransferKind, number>;
}

/** `owners 1, projects 2, …` */
export function describeCounts(counts: Partial<Record<string, number>>): string {
  return Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(', ');
}
