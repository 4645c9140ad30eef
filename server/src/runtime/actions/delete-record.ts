import { noContent, type Result } from '../../http/result.js';
import { recordNotFound, requireWritableRecord } from '../record-access.js';
import type { RuntimeRequest } from '../runtime-request.js';

/** DELETE on a data endpoint: 204, or 404 when the record is gone (also when it went meanwhile). */
export async function deleteRecord(req: RuntimeRequest): Promise<Result> {
  const record = await requireWritableRecord(req, 'delete');
  if (!(await req.services.storage.deleteRecord(req.endpoint.id, record.uniqueId))) throw recordNotFound();
  return noContent();
}
