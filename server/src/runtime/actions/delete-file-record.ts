import { noContent, type Result } from '../../http/result.js';
import { blobKey } from '../file-records.js';
import { recordNotFound, requireWritableRecord } from '../record-access.js';
import type { RuntimeRequest } from '../runtime-request.js';

/** DELETE on a file endpoint: the record, then its bytes (a crash in between leaves bytes of no record, swept at the next start); 204. */
export async function deleteFileRecord(req: RuntimeRequest): Promise<Result> {
  const record = await requireWritableRecord(req, 'delete');
  if (!(await req.services.storage.deleteRecord(req.endpoint.id, record.uniqueId))) throw recordNotFound();
  await req.services.storage.blobs.delete(blobKey(req, record.uniqueId));
  return noContent();
}
