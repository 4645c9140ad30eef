import type { JsonValue } from '@rested/shared';
import type { AuditActor, AuditEventInput } from '../storage/audit-rows.js';
import type { RuntimeRequest } from './runtime-request.js';

/** What an end user's (or the master key's) event records beside its type (docs/audit-log.md). */
export interface RuntimeEventParts {
  /** The end user acting; left out: the master key when one came, else an anonymous caller. */
  userId?: string | null | undefined;
  uniqueId?: string | null | undefined;
  sessionId?: string | null | undefined;
  details?: { [key: string]: JsonValue };
}

/** The audit event of a runtime request: who (the master key or the end user), from where, on what. */
export function runtimeEvent(req: RuntimeRequest<string>, type: string, parts: RuntimeEventParts = {}): AuditEventInput {
  const actor: AuditActor = req.master ? { kind: 'master', id: null } : { kind: 'user', id: parts.userId ?? null };
  return {
    projectId: req.project.id,
    type,
    actor,
    ip: req.ip,
    userAgent: req.userAgent.slice(0, 512),
    requestId: req.requestId,
    target: { endpoint: req.endpoint.id, uniqueId: parts.uniqueId ?? null, sessionId: parts.sessionId ?? null },
    details: parts.details ?? {},
  };
}

/**
 * master_key.used, at most once a minute per project and client address (auth/master-key-uses.ts),
 * with how many uses it stands for. A failed write is logged: it never fails the request.
 */
export async function recordMasterKeyUse(req: RuntimeRequest<string>): Promise<void> {
  const { masterKeyUses, storage, logger } = req.services;
  const count = masterKeyUses.count(req.project.id, req.ip);
  if (count === null) return;
  await storage.appendAuditEvent(runtimeEvent(req, 'master_key.used', { details: { count, method: req.method } })).catch((error: unknown) =>
    logger.error({ err: error, requestId: req.requestId }, 'audit event master_key.used not written'));
}
