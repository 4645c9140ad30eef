import { PAGE_LIMIT, Q } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { noContent, ok, type Result } from '../http/result.js';
import type { PageQuery } from '../storage/rows.js';
import { param, queryValue, type OwnedRequest } from './console-request.js';
import { ownerEvent } from './audit-event.js';
import { countEntries } from './endpoints.js';
import { getOwnedEndpoint } from './ownership.js';
import { JsonText, joinJson, shape } from '../wire/envelope.js';

const ID_RE = /^[0-9a-f]{32}$/;

function badParameter(name: string, message: string) {
  return apiError('invalid_parameter', message, { fields: { [name]: message } });
}

/**
 * `limit` (1..1000, default 100), `after` (uniqueId of the last item seen), `sort` (`createdAt`,
 * default, or `-createdAt`); the page's byte budget is the server's (PAGE_BUDGET), as on the runtime API.
 */
function pageQuery(req: OwnedRequest): Omit<PageQuery, 'creatorId'> {
  const rawLimit = queryValue(req, Q.limit);
  const limit = rawLimit === undefined || rawLimit === '' ? PAGE_LIMIT.default : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT.max) {
    throw badParameter('limit', `limit must be a whole number from 1 to ${PAGE_LIMIT.max}.`);
  }
  const after = queryValue(req, Q.after) || undefined;
  if (after !== undefined && !ID_RE.test(after)) throw badParameter('after', 'after must be the uniqueId of a record.');
  const sort = queryValue(req, Q.sort) ?? 'createdAt';
  if (sort !== 'createdAt' && sort !== '-createdAt') throw badParameter('sort', 'sort must be createdAt or -createdAt.');
  const maxBytes = req.services.config.pageBudgetBytes;
  return { limit, after, sort: { field: 'createdAt', direction: sort === '-createdAt' ? 'desc' : 'asc' }, maxBytes };
}

/**
 * GET …/endpoints/:endpointId/records: one page of records (users, for an auth endpoint),
 * oldest first, up to `limit` or the byte budget. `next` is the cursor for the following page, null on the last one.
 */
export async function listEntries(req: OwnedRequest): Promise<Result> {
  const { endpoint } = await getOwnedEndpoint(req);
  const query = pageQuery(req);
  const { storage } = req.services;
  const rows = endpoint.auth ? await storage.listUsers(endpoint.id, query) : await storage.listRecords(endpoint.id, query);
  const next = rows.more ? rows.at(-1)!.uniqueId : null;
  const total = await countEntries(storage, endpoint);
  // A RecordPage, written from the records' stored text (wire/envelope.ts): its items are not parsed.
  return ok(new JsonText(joinJson(['{"items":', shape(rows, false).text, `,"next":${JSON.stringify(next)},"total":${total}}`])));
}

/** DELETE …/records/:uniqueId: a record, or on an auth endpoint a user with all its sessions. */
export async function deleteEntry(req: OwnedRequest): Promise<Result> {
  const { endpoint } = await getOwnedEndpoint(req);
  const uniqueId = param(req, 'uniqueId');
  const { storage } = req.services;
  const event = ownerEvent(req, endpoint.projectId, endpoint.auth ? 'user.deleted' : 'record.deleted_by_owner', { endpoint: endpoint.id, uniqueId });
  const deleted = await storage.audited(event, () => (endpoint.auth ? storage.deleteUser(endpoint.id, uniqueId) : storage.deleteRecord(endpoint.id, uniqueId)));
  if (!deleted) throw apiError('record_not_found', `No ${endpoint.auth ? 'user' : 'record'} with this uniqueId in this endpoint.`);
  return noContent();
}
