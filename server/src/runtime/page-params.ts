import { H, PAGE_LIMIT, Q, RUNTIME_PREFIX } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import type { PageQuery, PageRows, SortSpec } from '../storage/rows.js';
import { queryValue, type RuntimeRequest } from './runtime-request.js';

const SORT_RE = /^(-)?(createdAt|data(?:\.[A-Za-z0-9_]+)+)$/;
const ID_RE = /^[0-9a-f]{32}$/;
const LIMIT_RE = /^[0-9]{1,7}$/;

/** A parameter given empty (`limit=`) counts as not given, like every other runtime parameter. */
const given = (req: RuntimeRequest, name: string): string | undefined => queryValue(req, name) || undefined;

/**
 * `limit` (1..1000, default 100), `after` (a uniqueId) and `sort` (createdAt or data.<path>, `-`
 * for descending); the page's byte budget is the server's (PAGE_BUDGET).
 */
export function parsePage(req: RuntimeRequest, options: { allowDataSort: boolean }): Omit<PageQuery, 'creatorId'> {
  const rawLimit = given(req, Q.limit);
  const limit = rawLimit === undefined ? PAGE_LIMIT.default : LIMIT_RE.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= PAGE_LIMIT.max)) {
    throw apiError('invalid_parameter', `limit must be a whole number from 1 to ${PAGE_LIMIT.max}.`);
  }
  const after = given(req, Q.after);
  if (after !== undefined && !ID_RE.test(after)) throw apiError('invalid_parameter', 'after must be the uniqueId of a record.');
  const rawSort = given(req, Q.sort);
  const sort = rawSort === undefined ? undefined : sortSpec(rawSort);
  if (sort === null || (sort && !options.allowDataSort && sort.field !== 'createdAt')) {
    const allowed = options.allowDataSort ? 'createdAt or data.<field>' : 'createdAt';
    throw apiError('invalid_parameter', `sort must be ${allowed}, with a leading - for descending order.`);
  }
  return { limit, after, sort, maxBytes: req.services.config.pageBudgetBytes };
}

/** `createdAt`, `-createdAt`, `data.<path>` or `-data.<path>` as a SortSpec; null for anything else. */
export function sortSpec(raw: string): SortSpec | null {
  const m = SORT_RE.exec(raw);
  return m ? { field: m[2] as SortSpec['field'], direction: m[1] ? 'desc' : 'asc' } : null;
}

/**
 * When more follow the page (its limit or its byte budget ended it): `X-Next-Cursor` with the
 * uniqueId of its last item, and `Link: <…>; rel="next"`, the same request with `after` set to
 * it. A master key given in the query is left out of the link, so it is never echoed in a header.
 */
export function nextPageHeaders(req: RuntimeRequest, page: PageRows<{ uniqueId: string }>): Record<string, string> {
  const last = page.at(-1);
  if (!page.more || !last) return {};
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query)) {
    if (name === Q.after || name === Q.masterKey) continue;
    for (const v of [value ?? []].flat()) params.append(name, v);
  }
  params.set(Q.after, last.uniqueId);
  return { [H.nextCursor]: last.uniqueId, Link: `<${RUNTIME_PREFIX}/${req.endpoint.name}?${params}>; rel="next"` };
}
