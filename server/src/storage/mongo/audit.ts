import { changedSomething, type AuditEventInput, type AuditEventRow } from '../audit-rows.js';
import { newTimeOrderedId } from '../ids.js';
import type { AuditStore } from '../storage.js';
import { op, type MongoContext } from './context.js';
import type { AuditEventDoc } from './documents.js';

export const toEvent = ({ _id, detailsJson, ...rest }: AuditEventDoc): AuditEventRow => ({
  id: _id,
  ...rest,
  actor: { kind: rest.actor.kind, id: rest.actor.id ?? null },
  target: { endpoint: rest.target.endpoint ?? null, uniqueId: rest.target.uniqueId ?? null, sessionId: rest.target.sessionId ?? null },
  details: JSON.parse(detailsJson) as AuditEventRow['details'],
});

/**
 * The audit log on MongoDB: an audited change's event is written right after the change (no
 * transaction: a standalone server has none). A failed event write goes to onAuditFailure and
 * never fails the change that already happened.
 */
export function auditStore(ctx: MongoContext): AuditStore {
  const { models: { auditEvents }, now } = ctx;
  const append = async (event: AuditEventInput): Promise<AuditEventRow> => {
    const at = now();
    const { details, ...rest } = event;
    const doc: AuditEventDoc = { _id: newTimeOrderedId(at), at, ...rest, detailsJson: JSON.stringify(details) };
    await auditEvents.create(doc);
    return toEvent(doc);
  };
  return {
    async audited(event, change) {
      const result = await change();
      if (changedSomething(result)) await append(event).catch((error: unknown) => ctx.onAuditFailure(error, event));
      return result;
    },
    appendAuditEvent: append,
    async listAuditEvents(projectId, query) {
      const filter: Record<string, unknown> = { projectId };
      if (query.types?.length) filter.type = op({ $in: [...query.types] });
      if (query.uniqueId !== undefined) filter['target.uniqueId'] = query.uniqueId;
      if (query.endpoint !== undefined) filter['target.endpoint'] = query.endpoint;
      if (query.after !== undefined) filter._id = op({ $lt: query.after });
      const docs = await auditEvents.find(filter).sort({ _id: -1 }).limit(query.limit + 1).lean<AuditEventDoc[]>();
      return Object.assign(docs.slice(0, query.limit).map(toEvent), { more: docs.length > query.limit });
    },
    async deleteAuditEventsBefore(before) {
      const { deletedCount } = await auditEvents.deleteMany({ at: op({ $lt: before }) });
      return deletedCount;
    },
  };
}
