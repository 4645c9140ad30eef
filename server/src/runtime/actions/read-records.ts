import { H, Q } from '@rested/shared';
import { apiError } from '../../http/api-error.js';
import type { RecordRow } from '../../storage/rows.js';
import { ok, type Result } from '../../http/result.js';
import { dataText, shape, shapeValues } from '../../wire/envelope.js';
import { nextPageHeaders, parsePage } from '../page-params.js';
import { listedCreator, mayAccess, recordNotFound, requireCaller } from '../record-access.js';
import { queryValue, type RuntimeRequest } from '../runtime-request.js';

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
 * A sort by a data field has no index: each page reads (and sorts) every record in range, on
 * SQLite synchronously, blocking the server (1.8 s at 1,000,000 records). It is therefore offered
 * only while the records in range number at most this.
 */
export const DATA_SORT_MAX_RECORDS = 10_000;

/** 400 when a data-field sort would range over more than DATA_SORT_MAX_RECORDS; counting stops just past the bound. */
async function requireSortableSize(req: RuntimeRequest, creatorId: string | undefined): Promise<void> {
  const inRange = await req.services.storage.countRecords(req.endpoint.id, { creatorId, upTo: DATA_SORT_MAX_RECORDS + 1 });
  if (inRange <= DATA_SORT_MAX_RECORDS) return;
  const whose = creatorId === undefined ? 'this endpoint holds' : 'you have';
  throw apiError(
    'invalid_parameter',
    `sort=data.<field> is only offered up to ${DATA_SORT_MAX_RECORDS.toLocaleString('en-US')} records and ${whose} more. ` +
      'Page in creation order instead (sort=createdAt or -createdAt, with after), and sort or filter each page with jsonata.',
  );
}

/**
 * GET without uniqueId: one page (limit, after, sort, and the byte budget), pushed down to
 * storage; on secure endpoints without readOthers, only the caller's records; a data-field sort
 * only within the bound above. `count` adds the total in X-Total-Count; a page that is not the
 * last carries X-Next-Cursor and Link rel="next".
 */
async function readPage(req: RuntimeRequest, caller: string | null, headers: Record<string, string>): Promise<RecordRow[]> {
  const { storage } = req.services;
  const page = parsePage(req, { allowDataSort: true });
  const creatorId = listedCreator(req, caller);
  if (page.sort !== undefined && page.sort.field !== 'createdAt') await requireSortableSize(req, creatorId);
  if (page.after !== undefined) {
    // Storage answers an empty page for an unknown cursor; a client would take that for the end.
    const [cursor] = await storage.findRecords(req.endpoint.id, [page.after]);
    if (!cursor || !mayAccess(req, caller, cursor, 'read')) {
      throw apiError('invalid_parameter', 'after names no record you can read here (was it deleted?): start again without after.');
    }
  }
  const rows = await storage.listRecords(req.endpoint.id, { ...page, creatorId });
  Object.assign(headers, nextPageHeaders(req, rows));
  if (req.flags.count) headers[H.totalCount] = String(await storage.countRecords(req.endpoint.id, { creatorId }));
  return rows;
}

/**
 * GET on a data endpoint: one uniqueId → that record; several → an array; none → a page of all
 * records. Records the caller may not read behave as missing. JSONata runs last, on what would
 * otherwise be answered.
 */
export async function readRecords(req: RuntimeRequest): Promise<Result> {
  const caller = await requireCaller(req);
  const expression = queryValue(req, Q.jsonata)?.trim() || undefined; // an empty expression is no expression
  const headers: Record<string, string> = {};
  const rows = req.uniqueIds.length > 0 ? await readByIds(req, caller) : await readPage(req, caller, headers);
  if (expression === undefined) return ok(shape(rows, req.flags.dataOnly), { headers });
  return ok(await req.services.jsonata.evaluate(expression, shapeValues(rows, req.flags.dataOnly), req.project.id), { headers });
}
