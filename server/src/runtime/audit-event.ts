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
export function runtimeEvent(req: RuntimeRequest, type: string, parts: RuntimeEventParts = {}): AuditEventInput {
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
