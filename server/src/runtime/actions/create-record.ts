import { created, type Result } from '../../http/result.js';
import { shape } from '../../wire/envelope.js';
import { requireCaller } from '../record-access.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { requireRoom, requireWriteRate, storedBytes } from '../write-quota.js';

/** POST on a data endpoint: store any JSON value (or text/plain as a string), within the project's quotas; 201 with the record. */
export async function createRecord(req: RuntimeRequest): Promise<Result> {
  const caller = await requireCaller(req);
  await requireWriteRate(req);
  const data = await req.readBody('json-or-text');
  await requireRoom(req, { records: 1, bytes: storedBytes(data) });
  const record = await req.services.storage.createRecord({ projectId: req.project.id, endpointId: req.endpoint.id, creatorId: caller, data });
  return created(shape(record, req.flags.dataOnly));
}
