import type { SweepReport } from './storage/blob-store.js';
import type { Storage } from './storage/storage.js';

/**
 * Other server instances may be mid-upload on MongoDB (GridFS is shared): only bytes older than
 * this are judged there. The embedded store sweeps before this process (or its workers) serves,
 * so nothing is in flight and everything is judged.
 */
export const SHARED_SWEEP_AGE_MS = 60 * 60 * 1000;

/** The sha256 a record's file descriptor names, or null: no record, or one that is not a file's. */
async function wantedSha256(storage: Storage, key: { projectId: string; endpointId: string; uniqueId: string }): Promise<string | null> {
  const [record] = await storage.findRecords(key.endpointId, [key.uniqueId]);
  if (!record || record.projectId !== key.projectId) return null;
  const data = record.data as { file?: { sha256?: unknown } } | null;
  return typeof data?.file?.sha256 === 'string' ? data.file.sha256 : null;
}

/**
 * At start: removes file bytes no record wants (an upload killed before its commit, a delete
 * killed before its bytes went) and publishes staged bytes a record was committed for (a
 * replacement killed before its rename). See BlobStore.sweep.
 */
export function sweepOrphanFiles(storage: Storage, now = new Date()): Promise<SweepReport> {
  const staleBefore = storage.kind === 'mongo' ? new Date(now.getTime() - SHARED_SWEEP_AGE_MS) : new Date(now.getTime() + 1);
  return storage.blobs.sweep((key) => wantedSha256(storage, key), staleBefore);
}
