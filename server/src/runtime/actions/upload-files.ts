import { created, type Result } from '../../http/result.js';
import type { RecordRow } from '../../storage/rows.js';
import { shape } from '../../wire/envelope.js';
import { blobKey, discardAll, fileData, metadataOf, requireMultipart, stageUpload } from '../file-records.js';
import { requireCaller } from '../record-access.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { requireRoom, requireWriteRate, storedBytes } from '../write-quota.js';
import { projectRoom } from '../file-quota.js';

/**
 * POST on a file endpoint: 1–10 files in the field `file`, streamed to the blob store; 201 with
 * an array of records, one per file, in upload order. All or nothing: every file is staged
 * (written and flushed) and the quotas checked before any is published; then each is published
 * (renamed into place) and its record committed. A refusal or failure at any step removes every
 * file and record of the request.
 */
export async function uploadFiles(req: RuntimeRequest): Promise<Result> {
  requireMultipart(req);
  const caller = await requireCaller(req);
  await requireWriteRate(req);
  const upload = await stageUpload(req, await projectRoom(req));
  const metadata = metadataOf(upload.fields);
  const records: RecordRow[] = [];
  try {
    const datas = upload.files.map((file) => fileData(file, metadata));
    const bytes = upload.files.reduce((sum, file, i) => sum + file.blob.size + storedBytes(datas[i]!), 0);
    await requireRoom(req, { records: upload.files.length, bytes });
    for (const [i, file] of upload.files.entries()) {
      await file.blob.publish();
      const input = { uniqueId: file.uniqueId, projectId: req.project.id, endpointId: req.endpoint.id, creatorId: caller, blobBytes: file.blob.size };
      records.push(await req.services.storage.createRecord({ ...input, data: datas[i]! }));
    }
  } catch (error) {
    await undoUpload(req, upload.files, records);
    throw error;
  }
  return created(shape(records, req.flags.dataOnly));
}

/** Takes back a failed upload: its records, its published blobs, its staged bytes. */
async function undoUpload(req: RuntimeRequest, files: Parameters<typeof discardAll>[0], records: RecordRow[]): Promise<void> {
  const { storage } = req.services;
  for (const record of records) await storage.deleteRecord(req.endpoint.id, record.uniqueId).catch(() => undefined);
  for (const file of files) await storage.blobs.delete(blobKey(req, file.uniqueId)).catch(() => undefined);
  await discardAll(files);
}
