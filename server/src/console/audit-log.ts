import { Readable } from 'node:stream';
import type { AuditEvent } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { ok, type Result } from '../http/result.js';
import type { AuditEventRow, AuditQuery } from '../storage/audit-rows.js';
import type { Storage } from '../storage/storage.js';
import { queryValue, type OwnedRequest } from './console-request.js';
import { getOwnedProject } from './ownership.js';

const ID_RE = /^[0-9a-f]{32}$/;
const TYPE_RE = /^[a-z_]+\.[a-z_]+$/;
const PAGE = { default: 50, max: 500 } as const;
/** Events read per page while exporting: the export streams, so memory stays flat at any log size. */
const EXPORT_PAGE = 500;

function badParameter(name: string, message: string) {
  return apiError('invalid_parameter', message, { fields: { [name]: message } });
}

/** The wire form: absent ids are left out rather than null, as the spec's `{kind, id?}` says. */
export function auditEventJson(row: AuditEventRow): AuditEvent {
  const { endpoint, uniqueId, sessionId } = row.target;
  return {
    id: row.id,
    at: row.at.toISOString(),
    type: row.type,
    actor: { kind: row.actor.kind, ...(row.actor.id === null ? {} : { id: row.actor.id }) },
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    target: { ...(endpoint === null ? {} : { endpoint }), ...(uniqueId === null ? {} : { uniqueId }), ...(sessionId === null ? {} : { sessionId }) },
    details: row.details,
  };
}

/** `type` (comma list), `user` (a uniqueId), `endpoint` (an endpoint id), `after` (cursor), `limit` (1..500, default 50). */
function auditFilter(req: OwnedRequest): Omit<AuditQuery, 'limit'> {
  const types = (queryValue(req, 'type') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (types.length > 20 || types.some((t) => !TYPE_RE.test(t))) throw badParameter('type', 'type must be event types such as user.login, comma separated.');
  const after = queryValue(req, 'after') || undefined;
  if (after !== undefined && !ID_RE.test(after)) throw badParameter('after', 'after must be the id of an event (the next cursor of a page).');
  const user = queryValue(req, 'user') || undefined;
  const endpoint = queryValue(req, 'endpoint') || undefined;
  return { types, after, uniqueId: user, endpoint };
}

function pageLimit(req: OwnedRequest): number {
  const raw = queryValue(req, 'limit');
  const limit = raw === undefined || raw === '' ? PAGE.default : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE.max) throw badParameter('limit', `limit must be a whole number from 1 to ${PAGE.max}.`);
  return limit;
}

/** GET /projects/:id/audit: one page of the project's events, newest first; `next` is the cursor of the older page. */
export async function listAuditLog(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const filter = auditFilter(req);
  const rows = await req.services.storage.listAuditEvents(project.id, { ...filter, limit: pageLimit(req) });
  return ok({ items: rows.map(auditEventJson), next: rows.more ? rows.at(-1)!.id : null });
}

/** Every event the filter selects, newest first, one JSON line each, read page by page as the client takes them. */
async function* ndjsonLines(storage: Storage, projectId: string, filter: Omit<AuditQuery, 'limit'>): AsyncGenerator<string> {
  let after = filter.after;
  for (;;) {
    const rows = await storage.listAuditEvents(projectId, { ...filter, after, limit: EXPORT_PAGE });
    if (rows.length > 0) yield rows.map((row) => `${JSON.stringify(auditEventJson(row))}\n`).join('');
    if (!rows.more) return;
    after = rows.at(-1)!.id;
  }
}

/** GET /projects/:id/audit/export: the filtered log as NDJSON (application/x-ndjson), streamed, as a download. */
export async function exportAuditLog(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const filter = auditFilter(req);
  const stream = Readable.from(ndjsonLines(req.services.storage, project.id, filter), { objectMode: false });
  const headers = { 'Content-Type': 'application/x-ndjson', 'Content-Disposition': `attachment; filename="audit-${project.id}.ndjson"`, 'Cache-Control': 'no-store' };
  return { status: 200, headers, bytes: { stream } };
}
