import type { JsonValue } from '@rested/shared';
import type { AuditEventInput, AuditTarget } from '../storage/audit-rows.js';
import type { OwnedRequest } from './console-request.js';

/** The audit event of an owner's action on a project (docs/audit-log.md). */
export function ownerEvent(
  req: OwnedRequest, projectId: string, type: string, target: Partial<AuditTarget> = {}, details: { [key: string]: JsonValue } = {},
): AuditEventInput {
  return {
    projectId,
    type,
    actor: { kind: 'owner', id: req.auth.owner.id },
    ip: req.ip,
    userAgent: req.userAgent.slice(0, 512),
    requestId: req.requestId,
    target: { endpoint: target.endpoint ?? null, uniqueId: target.uniqueId ?? null, sessionId: target.sessionId ?? null },
    details,
  };
}
