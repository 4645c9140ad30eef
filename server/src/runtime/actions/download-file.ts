import type { Result } from '../../http/result.js';
import { fileAnswer } from '../file-answer.js';
import { blobKey, descriptorOf } from '../file-records.js';
import { mayAccess, recordNotFound, requireCaller } from '../record-access.js';
import { requireSingleId, type RuntimeRequest } from '../runtime-request.js';

/**
 * GET (or HEAD) with fileOnly=true and one uniqueId: the file's bytes, streamed from the blob
 * store with Range, If-None-Match and HEAD honoured (file-answer.ts). A record the caller may
 * not read is answered as missing. `stream=true` is accepted and changes nothing.
 */
export async function downloadFile(req: RuntimeRequest): Promise<Result> {
  const caller = await requireCaller(req);
  const id = requireSingleId(req);
  const [record] = await req.services.storage.findRecords(req.endpoint.id, [id]);
  if (!record || !mayAccess(req, caller, record, 'read')) throw recordNotFound();
  const file = descriptorOf(record);
  if (!file) throw recordNotFound();
  return fileAnswer({ blobs: req.services.storage.blobs, key: blobKey(req, id), record, file, header: req.header, head: req.head });
}
