import { changedSomething, type AuditEventInput, type AuditEventRow } from '../audit-rows.js';
import { newTimeOrderedId } from '../ids.js';
import type { AuditStore } from '../storage.js';
import { changes, many, type AuditSlot, type SqliteContext } from './context.js';

const INSERT = `INSERT INTO audit_events (id, project_id, at, type, actor_kind, actor_id, ip, user_agent, request_id,
    target_endpoint, target_unique_id, target_session_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const toEvent = (r: Record<string, unknown>): AuditEventRow => ({
  id: r.id as string,
  projectId: r.project_id as string,
  at: new Date(r.at as number),
  type: r.type as string,
  actor: { kind: r.actor_kind as AuditEventRow['actor']['kind'], id: (r.actor_id as string | null) ?? null },
  ip: r.ip as string,
  userAgent: r.user_agent as string,
  requestId: r.request_id as string,
  target: {
    endpoint: (r.target_endpoint as string | null) ?? null,
    uniqueId: (r.target_unique_id as string | null) ?? null,
    sessionId: (r.target_session_id as string | null) ?? null,
  },
  details: JSON.parse(r.details as string) as AuditEventRow['details'],
});

/**
 * Calls `change` with the slot set, and clears it however the call ends. The first write takes
 * the slot (context.ts); still set afterwards means the store method yielded before writing.
 */
function callWithSlot<T>(ctx: SqliteContext, slot: AuditSlot, change: () => Promise<T>): { pending: Promise<T>; missed: boolean } {
  ctx.auditSlot = slot;
  try {
    const pending = change();
    return { pending, missed: ctx.auditSlot === slot };
  } finally {
    ctx.auditSlot = null;
  }
}

/**
 * The audit log on SQLite. An audited change's event is inserted by the change's first write
 * itself, in its savepoint (context.ts `write`): both commit together or neither does. The slot
 * is set only while the change's store method is called, synchronously (no AsyncLocalStorage,
 * whose promise hooks would cost every request of the process something on Node 20).
 */
export function auditStore(ctx: SqliteContext): AuditStore {
  /** Inserts the event now, inside whatever write is running. */
  const insert = (event: AuditEventInput): AuditEventRow => {
    const at = new Date(ctx.now());
    const row: AuditEventRow = { id: newTimeOrderedId(at), at, ...event };
    const { actor, target } = row;
    ctx.prepare(INSERT).run(row.id, row.projectId, at.getTime(), row.type, actor.kind, actor.id, row.ip, row.userAgent, row.requestId,
      target.endpoint, target.uniqueId, target.sessionId, JSON.stringify(row.details));
    return row;
  };

  return {
    async audited(event, change) {
      const slot = { withEvent: (result: unknown) => void (changedSomething(result) && insert(event)) };
      const { pending, missed } = callWithSlot(ctx, slot, change);
      const result = await pending;
      // A wrapper that awaited before calling the store (none of ours) gets its event right after, as on MongoDB.
      if (missed && changedSomething(result)) await ctx.write(() => insert(event));
      return result;
    },
    async appendAuditEvent(event) {
      return ctx.write(() => insert(event));
    },
    async listAuditEvents(projectId, query) {
      const where = ['project_id = ?'];
      const params: unknown[] = [projectId];
      if (query.types?.length) {
        where.push(`type IN (${query.types.map(() => '?').join(', ')})`);
        params.push(...query.types);
      }
      if (query.uniqueId !== undefined) (where.push('target_unique_id = ?'), params.push(query.uniqueId));
      if (query.endpoint !== undefined) (where.push('target_endpoint = ?'), params.push(query.endpoint));
      if (query.after !== undefined) (where.push('id < ?'), params.push(query.after));
      const sql = `SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
      const rows = many(ctx, toEvent, sql, ...params, query.limit + 1);
      const more = rows.length > query.limit;
      return Object.assign(rows.slice(0, query.limit), { more });
    },
    async deleteAuditEventsBefore(before) {
      return changes(ctx, 'DELETE FROM audit_events WHERE at < ?', before.getTime());
    },
  };
}
