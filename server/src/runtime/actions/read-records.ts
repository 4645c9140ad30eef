import { apiError } from '../../http/api-error.js';
import type { RecordRow } from '../../storage/rows.js';
import type { Result } from '../../http/result.js';
import { dataText } from '../../wire/envelope.js';
import { answerRows, readRange } from '../query-range.js';
import { listedCreator, mayAccess, recordNotFound, requireCaller } from '../record-access.js';
import type { RuntimeRequest } from '../runtime-request.js';

/**
 * GET with uniqueIds: one → that record (404 when missing); several → an array without the missing
 * ones, read one by one and refused (400) once they come to more than the page budget, as a page
 * would (the query string holds some 480 uniqueIds: without it, one GET could parse 480 large records).
 */
async function readByIds(req: RuntimeRequest, caller: string | null): Promise<RecordRow | RecordRow[]> {
  const ids = [...new Set(req.uniqueIds)]; // asked twice, answered once
  const budget = req.services.config.pageBudgetBytes;
  const readable: RecordRow[] = [];
  let bytes = 0;
  for (const id of ids) {
    const [record] = await req.services.storage.findRecords(req.endpoint.id, [id]);
    if (!record || !mayAccess(req, caller, record, 'read')) continue;
    bytes += Buffer.byteLength(dataText(record));
    if (readable.length > 0 && bytes > budget) {
      throw apiError('invalid_parameter', `These records come to more than the page budget of ${budget} bytes: ask for fewer uniqueIds at a time.`);
    }
    readable.push(record);
  }
  if (req.uniqueIds.length > 1) return readable;
  if (!readable[0]) throw recordNotFound();
  return readable[0];
}

/**
 * GET without uniqueId: a range read (query-range.ts) of the endpoint's records; on secure
 * endpoints without readOthers only the caller's, whatever `where` says. An `after` naming no
 * record the caller can read is refused.
 */
async function readPage(req: RuntimeRequest, caller: string | null, headers: Record<string, string>): Promise<RecordRow[]> {
  const { storage } = req.services;
  const endpointId = req.endpoint.id;
  const creatorId = listedCreator(req, caller);
  return readRange(req, {
    async checkAfter(after) {
      // Storage answers an empty page for an unknown cursor; a client would take that for the end.
      const [cursor] = await storage.findRecords(endpointId, [after]);
      if (!cursor || !mayAccess(req, caller, cursor, 'read')) {
        throw apiError('invalid_parameter', 'after names no record you can read here (was it deleted?): start again without after.');
      }
    },
    list: (query) => storage.listRecords(endpointId, { ...query, creatorId }),
    count: (filter) => storage.countRecords(endpointId, { ...filter, creatorId }),
  }, headers);
}

/**
 * GET on a data endpoint: one uniqueId → that record; several → an array; none → a page of the
 * records in range (or all of them for JSONata without limit). Records the caller may not read
 * behave as missing. JSONata runs last, on what would otherwise be answered.
 */
export async function readRecords(req: RuntimeRequest): Promise<Result> {
  const caller = await requireCaller(req);
  const headers: Record<string, string> = {};
  const rows = req.uniqueIds.length > 0 ? await readByIds(req, caller) : await readPage(req, caller, headers);
  return answerRows(req, rows, headers);
}
