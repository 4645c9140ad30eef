import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import mongoose, { type Connection } from 'mongoose';
import type { BlobKey, BlobStore, StagedBlob, SweepReport } from '../blob-store.js';
import { HashingMeter } from '../blobs/hashing-meter.js';

/*
 * Blobs in GridFS, one bucket (`files`), so every server instance serves every file. A blob is
 * the newest GridFS file named <projectId>/<endpointId>/<uniqueId>; staged bytes are a file named
 * staged/<that>/<random>, renamed into place by publish (one update of its files document), after
 * which older files of that name are deleted. Ranges read only the chunks they need
 * (openDownloadStream with start/end).
 */

type Bucket = InstanceType<typeof mongoose.mongo.GridFSBucket>;
type FileId = InstanceType<typeof mongoose.mongo.ObjectId>;

interface BlobMetadata extends BlobKey {
  staged: boolean;
  sha256?: string;
}

const nameOf = (key: BlobKey) => `${key.projectId}/${key.endpointId}/${key.uniqueId}`;

export function gridFsBlobStore(connection: Connection): BlobStore {
  const bucket = (): Bucket => new mongoose.mongo.GridFSBucket(connection.db!, { bucketName: 'files' });
  const filesOf = () => connection.db!.collection('files.files');

  const newest = async (key: BlobKey) =>
    (await bucket().find({ filename: nameOf(key) }).sort({ uploadDate: -1, _id: -1 }).limit(1).toArray())[0] ?? null;

  const removeOthers = async (key: BlobKey, keep: FileId | null) => {
    const b = bucket();
    for (const file of await b.find({ filename: nameOf(key) }).toArray()) {
      if (keep === null || !file._id.equals(keep)) await b.delete(file._id).catch(() => undefined);
    }
  };

  const store: BlobStore = {
    async stage(key, source) {
      const b = bucket();
      const metadata: BlobMetadata = { ...key, staged: true };
      const upload = b.openUploadStream(`staged/${nameOf(key)}/${randomBytes(8).toString('hex')}`, { metadata });
      const meter = new HashingMeter();
      try {
        await pipeline(source, meter, upload);
      } catch (error) {
        await upload.abort().catch(() => undefined);
        await b.delete(upload.id).catch(() => undefined);
        throw error;
      }
      const sha256 = meter.digest();
      await filesOf().updateOne({ _id: upload.id }, { $set: { 'metadata.sha256': sha256 } });
      return stagedFile(upload.id, key, meter.size, sha256);
    },
    async open(key, range) {
      const file = await newest(key);
      if (!file) return null;
      return bucket().openDownloadStream(file._id, range ? { start: range.start, end: range.end + 1 } : {});
    },
    async delete(key) {
      await removeOthers(key, null);
    },
    async deleteScope(scope) {
      const b = bucket();
      const filter = { 'metadata.projectId': scope.projectId, ...(scope.endpointId === undefined ? {} : { 'metadata.endpointId': scope.endpointId }) };
      for (const file of await b.find(filter).toArray()) await b.delete(file._id).catch(() => undefined);
    },
    sweep: (wanted, staleBefore) => sweepBucket(bucket(), wanted, staleBefore),
  };

  function stagedFile(id: FileId, key: BlobKey, size: number, sha256: string): StagedBlob {
    let published = false;
    return {
      size,
      sha256,
      async publish() {
        await filesOf().updateOne({ _id: id }, { $set: { filename: nameOf(key), 'metadata.staged': false } });
        published = true;
        await removeOthers(key, id);
      },
      async discard() {
        if (!published) await bucket().delete(id).catch(() => undefined);
      },
    };
  }

  /** Staged files whose record wants them are published; other staged ones, and blobs of no record, removed. */
  async function sweepBucket(b: Bucket, wanted: (key: BlobKey) => Promise<string | null>, staleBefore: Date): Promise<SweepReport> {
    const report: SweepReport = { removed: 0, published: 0 };
    for await (const file of b.find({ uploadDate: { $lt: staleBefore } })) {
      const meta = file.metadata as BlobMetadata | undefined;
      if (!meta) continue;
      const key: BlobKey = { projectId: meta.projectId, endpointId: meta.endpointId, uniqueId: meta.uniqueId };
      const sha256 = await wanted(key);
      if (meta.staged && sha256 !== null && meta.sha256 === sha256) {
        await stagedFile(file._id, key, file.length, sha256).publish();
        report.published++;
      } else if (meta.staged || sha256 === null) {
        await b.delete(file._id).catch(() => undefined);
        report.removed++;
      }
    }
    return report;
  }

  return store;
}
