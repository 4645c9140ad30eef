import type { JsonValue } from '@rested/shared';
import { ok, type Result } from '../../http/result.js';
import { shape } from '../../wire/envelope.js';
import { recordNotFound, requireWritableRecord } from '../record-access.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { applyStrategy, updateStrategy } from '../strategies.js';
import { requireRoom, requireWriteRate, storedBytes } from '../write-quota.js';

/**
 * PUT (`strategy`, default force) or PATCH (always merge) on a data endpoint. The strategy is
 * applied inside storage's one write, to the record as it is then; a write that grows the
 * project past its byte quota is refused first (write-quota.ts), and a merge may not grow the
 * record past what one body may carry (413, nothing written).
 */
export async function updateRecord(req: RuntimeRequest): Promise<Result> {
  const record = await requireWritableRecord(req, 'update');
  const strategy = updateStrategy(req);
  await requireWriteRate(req);
  const body = await req.readBody('json-or-text');
  const next = (data: JsonValue): JsonValue => applyStrategy(data, body, strategy, req.services.config.bodyLimitBytes);
  // The growth as the record stands now; storage applies the strategy again to the record as it is then.
  await requireRoom(req, { records: 0, bytes: storedBytes(next(record.data)) - storedBytes(record.data) });
  const updated = await req.services.storage.updateRecord(req.endpoint.id, record.uniqueId, (current) => next(current.data));
  if (!updated) throw recordNotFound();
  return ok(shape(updated, req.flags.dataOnly));
}
