import { PAGE_LIMIT, Q } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { noContent, ok, type Result } from '../http/result.js';
import type { PageQuery } from '../storage/rows.js';
import type { CountFilter } from '../storage/storage.js';
import { sortSpec } from '../runtime/page-params.js';
import { requireIndexOrSmallRange } from '../runtime/query-range.js';
import { parseWhere } from '../runtime/where-param.js';
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
  const sort = sortSpec(queryValue(req, Q.sort) || 'createdAt');
  if (!sort) throw badParameter('sort', 'sort must be createdAt or data.<field>, with a leading - for descending order.');
  const rawWhere = queryValue(req, Q.where)?.trim();
  const where = rawWhere ? parseWhere(rawWhere) : undefined;
  return { limit, after, sort, where, maxBytes: req.services.config.pageBudgetBytes };
}

/**
 * GET …/endpoints/:endpointId/records: one page of records (users, for an auth endpoint),
 * oldest first (or by `sort`), matching `where`, up to `limit` or the byte budget, within the
 * runtime's bounds (index_required). `next` is the cursor for the following page, null on the
 * last one; `total` counts the matches.
 */
export async function listEntries(req: OwnedRequest): Promise<Result> {
  const { project, endpoint } = await getOwnedEndpoint(req);
  const query = pageQuery(req);
  const { storage } = req.services;
  await req.services.pageTurns.take(project.id);
  const count = (filter: CountFilter) => (endpoint.auth ? storage.countUsers(endpoint.id, filter) : storage.countRecords(endpoint.id, filter));
  await requireIndexOrSmallRange(endpoint, (upTo) => count({ upTo }), query.sort, query.where);
  const rows = endpoint.auth ? await storage.listUsers(endpoint.id, query) : await storage.listRecords(endpoint.id, query);
  const next = rows.more ? rows.at(-1)!.uniqueId : null;
  const total = query.where ? await count({ where: query.where }) : await countEntries(storage, endpoint);
  // A RecordPage, written from the records' stored text (wire/envelope.ts): its items are not parsed.
  return ok(new JsonText(joinJson(['{"items":', shape(rows, false).text, `,"next":${JSON.stringify(next)},"total":${total}}`])));
}

/** DELETE …/records/:uniqueId: a record (with its file, on a file endpoint), or on an auth endpoint a user with all its sessions. */
export async function deleteEntry(req: OwnedRequest): Promise<Result> {
  const { endpoint } = await getOwnedEndpoint(req);
  const uniqueId = param(req, 'uniqueId');
  const { storage } = req.services;
  const event = ownerEvent(req, endpoint.projectId, endpoint.auth ? 'user.deleted' : 'record.deleted_by_owner', { endpoint: endpoint.id, uniqueId });
  const deleted = await storage.audited(event, () => (endpoint.auth ? storage.deleteUser(endpoint.id, uniqueId) : storage.deleteRecord(endpoint.id, uniqueId)));
  if (!deleted) throw apiError('record_not_found', `No ${endpoint.auth ? 'user' : 'record'} with this uniqueId in this endpoint.`);
  if (endpoint.files && ID_RE.test(uniqueId)) await storage.blobs.delete({ projectId: endpoint.projectId, endpointId: endpoint.id, uniqueId });
  return noContent();
}
