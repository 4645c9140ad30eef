import { H, Q, isFlagOn, type JsonValue } from '@rested/shared';
import { apiError } from '../../http/api-error.js';
import { created, noContent, ok, type Result } from '../../http/result.js';
import type { RecordRow } from '../../storage/rows.js';
import { requireCurrentUser } from '../current-user.js';
import { shape } from '../../wire/envelope.js';
import { parsePage } from '../page-params.js';
import { queryList, queryValue, type RuntimeRequest } from '../runtime-request.js';
import { applyStrategy, updateStrategy } from '../strategies.js';

type Access = 'read' | 'update' | 'delete';

/** Who is asking: null for public endpoints and the master key, else the logged-in user's id. */
async function callerId(req: RuntimeRequest): Promise<string | null> {
  if (req.master || !req.endpoint.secure) return null;
  return (await requireCurrentUser(req)).user.uniqueId;
}

function allowed(req: RuntimeRequest, caller: string | null, record: RecordRow, access: Access): boolean {
  if (caller === null || record.creatorId === caller) return true;
  const { readOthers, updateOthers, deleteOthers } = req.endpoint.access;
  return access === 'read' ? readOthers : access === 'update' ? updateOthers : deleteOthers;
}

function singleId(req: RuntimeRequest): string {
  const ids = queryList(req, Q.uniqueId);
  if (ids.length !== 1) throw apiError('missing_unique_id', 'Give exactly one uniqueId.');
  return ids[0]!;
}

const notFound = () => apiError('record_not_found', 'No record with this uniqueId.');

/**
 * The record a write addresses: 401 without a valid token (secure endpoints), 400 without exactly
 * one uniqueId, 404 when missing, 403 when it is another user's and the access option is off.
 */
async function writable(req: RuntimeRequest, access: Access): Promise<RecordRow> {
  const caller = await callerId(req);
  const id = singleId(req);
  const [record] = await req.services.storage.findRecords(req.endpoint.id, [id]);
  if (!record) throw notFound();
  if (!allowed(req, caller, record, access)) throw apiError('forbidden', `You may not ${access} another user's record.`);
  return record;
}

/** POST: store any JSON value (or text/plain as a string); 201 with the record. */
export async function createRecord(req: RuntimeRequest): Promise<Result> {
  const caller = await callerId(req);
  const data = await req.readBody('json-or-text');
  const record = await req.services.storage.createRecord({ projectId: req.project.id, endpointId: req.endpoint.id, creatorId: caller, data });
  return created(shape(record, isFlagOn(queryValue(req, Q.dataOnly))));
}

/** GET with uniqueIds: one → that record (404 when missing); several → an array without the missing ones. */
async function readByIds(req: RuntimeRequest, caller: string | null, named: string[], dataOnly: boolean): Promise<JsonValue> {
  const ids = [...new Set(named)]; // asked twice, answered once
  const readable = (await req.services.storage.findRecords(req.endpoint.id, ids)).filter((r) => allowed(req, caller, r, 'read'));
  if (named.length > 1) return readable.map((r) => shape(r, dataOnly));
  if (!readable[0]) throw notFound();
  return shape(readable[0], dataOnly);
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
 * GET without uniqueId: one page (limit, after, sort), pushed down to storage; on secure endpoints
 * without readOthers, only the caller's records; a data-field sort only within the bound above.
 * `count` adds the total in X-Total-Count.
 */
async function readPage(req: RuntimeRequest, caller: string | null, dataOnly: boolean, headers: Record<string, string>): Promise<JsonValue> {
  const { storage } = req.services;
  const page = parsePage(req, { allowDataSort: true });
  const creatorId = caller !== null && !req.endpoint.access.readOthers ? caller : undefined;
  if (page.sort !== undefined && page.sort.field !== 'createdAt') await requireSortableSize(req, creatorId);
  if (page.after !== undefined) {
    // Storage answers an empty page for an unknown cursor; a client would take that for the end.
    const [cursor] = await storage.findRecords(req.endpoint.id, [page.after]);
    if (!cursor || !allowed(req, caller, cursor, 'read')) {
      throw apiError('invalid_parameter', 'after names no record you can read here (was it deleted?): start again without after.');
    }
  }
  const rows = await storage.listRecords(req.endpoint.id, { ...page, creatorId });
  if (isFlagOn(queryValue(req, Q.count))) headers[H.totalCount] = String(await storage.countRecords(req.endpoint.id, { creatorId }));
  return rows.map((r) => shape(r, dataOnly));
}

/**
 * GET: one uniqueId → that record; several → an array; none → a page of all records. Records the
 * caller may not read behave as missing. JSONata runs last, on what would otherwise be answered.
 */
export async function readRecords(req: RuntimeRequest): Promise<Result> {
  const caller = await callerId(req);
  const dataOnly = isFlagOn(queryValue(req, Q.dataOnly));
  const expression = queryValue(req, Q.jsonata)?.trim() || undefined; // an empty expression is no expression
  const named = queryList(req, Q.uniqueId);
  const headers: Record<string, string> = {};
  let result = named.length > 0 ? await readByIds(req, caller, named, dataOnly) : await readPage(req, caller, dataOnly, headers);
  if (expression !== undefined) result = await req.services.jsonata.evaluate(expression, result);
  return ok(result, { headers });
}

/** PUT (`strategy`, default force) or PATCH (always merge). */
export async function updateRecord(req: RuntimeRequest, method: 'PUT' | 'PATCH'): Promise<Result> {
  const record = await writable(req, 'update');
  const strategy = updateStrategy(queryValue(req, Q.strategy), method);
  const body = await req.readBody('json-or-text');
  const updated = await req.services.storage.updateRecord(req.endpoint.id, record.uniqueId, (current) => applyStrategy(current.data, body, strategy));
  if (!updated) throw notFound();
  return ok(shape(updated, isFlagOn(queryValue(req, Q.dataOnly))));
}

export async function deleteRecord(req: RuntimeRequest): Promise<Result> {
  const record = await writable(req, 'delete');
  if (!(await req.services.storage.deleteRecord(req.endpoint.id, record.uniqueId))) throw notFound();
  return noContent();
}
