import type { JsonValue } from '@rested/shared';
import { apiError } from '../../http/api-error.js';
import { ok, type Result } from '../../http/result.js';
import type { RecordRow } from '../../storage/rows.js';
import { shape } from '../../wire/envelope.js';
import { projectRoom } from '../file-quota.js';
import { descriptorOf, discardAll, fileData, metadataOf, stageUpload } from '../file-records.js';
import { recordNotFound, requireWritableRecord } from '../record-access.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { applyStrategy, isJsonObject, updateStrategy } from '../strategies.js';
import { requireRoom, requireWriteRate, storedBytes } from '../write-quota.js';

/**
 * PUT or PATCH on a file endpoint. A JSON object body is the new `metadata` (PUT's `strategy`,
 * PATCH merges); the file descriptor never changes that way, and a metadata key named `file` is
 * metadata like any other. PUT with multipart/form-data and one file replaces the bytes (and,
 * when text fields come, the metadata), all or nothing.
 */
export async function updateFileRecord(req: RuntimeRequest): Promise<Result> {
  if (req.multipart && req.method === 'PATCH') {
    throw apiError('unsupported_media_type', 'PATCH changes metadata and takes a JSON object; replace the file with PUT and multipart/form-data.');
  }
  const record = await requireWritableRecord(req, 'update');
  const strategy = req.multipart ? null : updateStrategy(req);
  await requireWriteRate(req);
  const updated = strategy === null ? await replaceFile(req, record) : await updateMetadata(req, record, strategy);
  if (!updated) throw recordNotFound();
  return ok(shape(updated, req.flags.dataOnly));
}

const metadataIn = (data: JsonValue): { [key: string]: JsonValue } => (isJsonObject(data) && isJsonObject(data.metadata) ? data.metadata : {});

async function updateMetadata(req: RuntimeRequest, record: RecordRow, strategy: ReturnType<typeof updateStrategy>): Promise<RecordRow | null> {
  const body = await req.readBody('json');
  if (!isJsonObject(body)) throw apiError('invalid_body', 'The metadata of a file must be a JSON object.');
  const limit = req.services.config.bodyLimitBytes;
  const next = (current: RecordRow): JsonValue => {
    const metadata = applyStrategy(metadataIn(current.data), body, strategy, limit);
    return { file: descriptorOf(current), metadata };
  };
  await requireRoom(req, { records: 0, bytes: storedBytes(next(record)) - storedBytes(record.data) });
  return req.services.storage.updateRecord(req.endpoint.id, record.uniqueId, next);
}

/**
 * New bytes for the record: staged, the record committed with the new descriptor, then published
 * (renamed over the old bytes). A crash between the commit and the rename leaves staged bytes
 * that match the record, which the next start publishes (blob-store.ts, sweep).
 */
async function replaceFile(req: RuntimeRequest, record: RecordRow): Promise<RecordRow | null> {
  const old = descriptorOf(record);
  const upload = await stageUpload(req, (await projectRoom(req)) + (old?.size ?? 0), record.uniqueId);
  const [file] = upload.files;
  try {
    const data = fileData(file!, upload.fields.size > 0 ? metadataOf(upload.fields) : metadataIn(record.data));
    await requireRoom(req, { records: 0, bytes: file!.blob.size - (old?.size ?? 0) + storedBytes(data) - storedBytes(record.data) });
    const updated = await req.services.storage.replaceRecordFile(req.endpoint.id, record.uniqueId, { data, blobBytes: file!.blob.size });
    if (updated) await file!.blob.publish();
    return updated;
  } finally {
    await discardAll(upload.files);
  }
}
