import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, open as openFd } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../private-files.js';
import type { BlobKey, BlobStore, StagedBlob, SweepReport } from '../blob-store.js';
import { HashingMeter } from './hashing-meter.js';

/*
 * Files on disk under `root` (DATA_DIR/files): <projectId>/<endpointId>/<uniqueId>, written by
 * nothing else. Staged bytes are <uniqueId>.<random>.tmp beside it: written, fsynced, then renamed
 * into place (and the directory fsynced), so a blob is either the old bytes or the new, whole.
 */

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** Reads of 256 KiB (not the default 64): a download then needs a quarter of the reads and writes (docs/benchmarks.md). */
const READ_CHUNK_BYTES = 256 * 1024;
const STAGED_RE = /^([A-Za-z0-9_-]{1,64})\.[0-9a-f]{16}\.tmp$/;

/** Ids name directories: anything else (a "..", a "/") never reaches the file system. */
function requireIds(...ids: string[]): void {
  if (!ids.every((id) => ID_RE.test(id))) throw new Error('blob keys are storage ids');
}

export function diskBlobStore(root: string): BlobStore {
  const dirOf = (key: Pick<BlobKey, 'projectId' | 'endpointId'>) => join(root, key.projectId, key.endpointId);
  const pathOf = (key: BlobKey) => {
    requireIds(key.projectId, key.endpointId, key.uniqueId);
    return join(dirOf(key), key.uniqueId);
  };

  return {
    async stage(key, source) {
      const final = pathOf(key);
      await mkdir(dirOf(key), { recursive: true, mode: PRIVATE_DIR_MODE });
      const temp = `${final}.${randomBytes(8).toString('hex')}.tmp`;
      const meter = new HashingMeter();
      // Opened before the copy starts, so that a failure's unlink always comes after the file exists.
      const file = await open(temp, 'wx', PRIVATE_FILE_MODE);
      try {
        // flush: the file is fsynced before it is closed, so the bytes are durable once this resolves.
        await pipeline(source, meter, file.createWriteStream({ flush: true }));
      } catch (error) {
        await file.close().catch(() => undefined);
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      return staged(temp, final, meter.size, meter.digest());
    },
    async open(key, range) {
      const fd = await openForReading(pathOf(key));
      if (fd === null) return null;
      return createReadStream('', { fd, autoClose: true, highWaterMark: READ_CHUNK_BYTES, ...(range ? { start: range.start, end: range.end } : {}) });
    },
    async delete(key) {
      await unlink(pathOf(key)).catch(missingAsNull);
    },
    async deleteScope(scope) {
      requireIds(scope.projectId, ...(scope.endpointId === undefined ? [] : [scope.endpointId]));
      await rm(scope.endpointId === undefined ? join(root, scope.projectId) : dirOf(scope as BlobKey), { recursive: true, force: true });
    },
    sweep: (wanted, staleBefore) => sweepTree(root, wanted, staleBefore),
  };
}

function staged(temp: string, final: string, size: number, sha256: string): StagedBlob {
  let published = false;
  return {
    size,
    sha256,
    async publish() {
      await rename(temp, final);
      published = true;
      await syncDirectory(join(final, '..'));
    },
    async discard() {
      if (!published) await unlink(temp).catch(missingAsNull);
    },
  };
}

/**
 * A file descriptor (null when the file is missing). The callback API, not fs/promises: a
 * FileHandle costs about a third of a small range read's CPU (measured: docs/benchmarks.md).
 */
function openForReading(path: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    openFd(path, 'r', (error, fd) => (error ? (error.code === 'ENOENT' ? resolve(null) : reject(error)) : resolve(fd)));
  });
}

/** A rename is durable once its directory is flushed. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const missingAsNull = (error: NodeJS.ErrnoException): null => {
  if (error.code === 'ENOENT') return null;
  throw error;
};

async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(missingAsNull)) ?? [];
}

/** Walks root/<project>/<endpoint>/<file>, judging each file written before `staleBefore`; removes emptied directories. */
async function sweepTree(root: string, wanted: (key: BlobKey) => Promise<string | null>, staleBefore: Date): Promise<SweepReport> {
  const report: SweepReport = { removed: 0, published: 0 };
  for (const projectId of await entries(root)) {
    for (const endpointId of await entries(join(root, projectId))) {
      const dir = join(root, projectId, endpointId);
      for (const name of await entries(dir)) {
        const path = join(dir, name);
        if ((await stat(path)).mtime >= staleBefore) continue;
        const outcome = await judge(path, name, (uniqueId) => wanted({ projectId, endpointId, uniqueId }));
        if (outcome !== 'kept') report[outcome]++;
      }
      await rmdir(dir).catch(() => undefined); // only when empty
    }
    await rmdir(join(root, projectId)).catch(() => undefined);
  }
  return report;
}

async function judge(path: string, name: string, wanted: (uniqueId: string) => Promise<string | null>): Promise<'kept' | keyof SweepReport> {
  const stagedFor = STAGED_RE.exec(name)?.[1];
  const uniqueId = stagedFor ?? (ID_RE.test(name) ? name : null);
  const sha256 = uniqueId === null ? null : await wanted(uniqueId);
  if (stagedFor !== undefined && sha256 !== null && (await fileSha256(path)) === sha256) {
    await rename(path, join(path, '..', stagedFor));
    return 'published';
  }
  if (stagedFor === undefined && sha256 !== null) return 'kept';
  await unlink(path).catch(missingAsNull);
  return 'removed';
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
