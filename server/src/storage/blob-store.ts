import type { Readable } from 'node:stream';

/*
 * The bytes of file endpoints' files, behind the storage seam: on disk beside the embedded
 * database (blobs/disk-blob-store.ts), in GridFS on MongoDB (mongo/gridfs-blob-store.ts). The
 * contract suite test/storage/blobs.contract.test.ts is its definition.
 *
 * A write is two steps, so a record and its bytes are never half there: `stage` writes the bytes
 * durably where nothing reads them, `publish` makes them the key's blob. Bytes staged or published
 * whose record never came (a crash, a refused request) are removed by `sweep` at the next start.
 */

/** Where a blob belongs: one per file record. Every part is an id made by storage/ids.ts. */
export interface BlobKey {
  projectId: string;
  endpointId: string;
  uniqueId: string;
}

/** Bytes `start` to `end`, both included (as in a Range header). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StagedBlob {
  readonly size: number;
  /** Hex SHA-256 of the bytes, computed while they were written. */
  readonly sha256: string;
  /** Makes these bytes the key's blob, replacing the one before; durable when it resolves. */
  publish(): Promise<void>;
  /** Removes the staged bytes; after publish it does nothing. */
  discard(): Promise<void>;
}

export interface SweepReport {
  /** Staged or published bytes without a record that wants them, removed. */
  removed: number;
  /** Staged bytes matching their record's sha256 (a replacement interrupted after its commit), published. */
  published: number;
}

export interface BlobStore {
  /**
   * Writes `source` as staged bytes of `key`, hashing them on the way, flushed to stable storage
   * (fsync, or GridFS's acknowledged writes) before it resolves. When `source` fails (too large,
   * aborted) it rejects with that error and leaves nothing behind.
   */
  stage(key: BlobKey, source: Readable): Promise<StagedBlob>;
  /** The blob's bytes (of `range` when given), streamed with backpressure; null when there is none. Destroying the stream stops the read. */
  open(key: BlobKey, range?: ByteRange): Promise<Readable | null>;
  /** Removes the key's blob; nothing happens when there is none. */
  delete(key: BlobKey): Promise<void>;
  /** Removes every blob of a project, or of one of its endpoints. */
  deleteScope(scope: { projectId: string; endpointId?: string }): Promise<void>;
  /**
   * Removes bytes written before `staleBefore` that no record wants: `wanted(key)` answers the
   * sha256 of the key's record file, or null when there is no such record. Staged bytes whose
   * sha256 is the wanted one are published instead.
   */
  sweep(wanted: (key: BlobKey) => Promise<string | null>, staleBefore: Date): Promise<SweepReport>;
}
