import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BlobKey } from '../storage/blob-store.js';
import type { Storage } from '../storage/storage.js';
import { CliError } from './command.js';
import { scanBatches } from './scan.js';

/*
 * The bytes of file endpoints' files, moved through the storage's blob store (storage.blobs): on
 * disk beside SQLite, in GridFS on MongoDB. A file belongs to its record, whose data names its
 * size and SHA-256 (data.file), so every copy is checked against the record.
 */

/** One file: its key in the blob store, and the size and SHA-256 its record names. */
export interface FileEntry {
  key: BlobKey;
  size: number;
  sha256: string;
}

/** The file a record describes, or null when it is not a file endpoint's record with one. */
export function fileOf(record: { projectId: string; endpointId: string; uniqueId: string; data: unknown }): FileEntry | null {
  const file = (record.data as { file?: { size?: unknown; sha256?: unknown } } | null)?.file;
  if (typeof file?.sha256 !== 'string' || typeof file.size !== 'number') return null;
  return { key: { projectId: record.projectId, endpointId: record.endpointId, uniqueId: record.uniqueId }, size: file.size, sha256: file.sha256 };
}

/** Every file the storage's records describe (of one project when given), in record key order, after `after`. */
export async function* fileEntries(storage: Storage, options: { projectId?: string | undefined; after?: string | undefined } = {}): AsyncGenerator<FileEntry> {
  const fileEndpoints = new Set<string>();
  for await (const endpoints of scanBatches(storage, 'endpoints', { projectId: options.projectId })) {
    for (const endpoint of endpoints) if (endpoint.files) fileEndpoints.add(endpoint.id);
  }
  if (fileEndpoints.size === 0) return;
  for await (const records of scanBatches(storage, 'records', options)) {
    for (const record of records) {
      const entry = fileEndpoints.has(record.endpointId) ? fileOf(record) : null;
      if (entry) yield entry;
    }
  }
}

/** Writes `source` as the file's bytes in `storage`, published only when they are the bytes its record names. */
export async function putFile(storage: Storage, entry: FileEntry, source: Readable): Promise<void> {
  const staged = await storage.blobs.stage(entry.key, source);
  if (staged.sha256 !== entry.sha256 || staged.size !== entry.size) {
    await staged.discard();
    throw new CliError(`the bytes of file ${entry.key.uniqueId} are not the ones its record names (${staged.size} bytes, SHA-256 ${staged.sha256.slice(0, 12)}…)`);
  }
  await staged.publish();
}

/** The SHA-256 and size of the file's bytes as `storage` holds them, or null when it holds none. */
export async function storedDigest(storage: Storage, key: BlobKey): Promise<{ sha256: string; size: number } | null> {
  const stream = await storage.blobs.open(key);
  if (!stream) return null;
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Whether `storage` holds bytes for the key (read no further than opening them). */
export async function holdsFile(storage: Storage, key: BlobKey): Promise<boolean> {
  const stream = await storage.blobs.open(key);
  stream?.destroy();
  return stream !== null;
}
