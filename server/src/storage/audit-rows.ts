import type { JsonValue } from '@rested/shared';

/*
 * The audit log's rows (docs/audit-log.md): one event per change an owner, an end user, the master
 * key or the server made to a project. Never a password, token, key or mail body in them.
 */

/** AUDIT_RETENTION_DAYS when it is not set. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

export type AuditActorKind = 'owner' | 'user' | 'master' | 'system';

export interface AuditActor {
  kind: AuditActorKind;
  /** The owner's id, the end user's uniqueId; null for the master key and the system (and a failed login). */
  id: string | null;
}

export interface AuditTarget {
  /** The endpoint's id. */
  endpoint: string | null;
  /** The record's or end user's uniqueId. */
  uniqueId: string | null;
  sessionId: string | null;
}

export interface AuditEventRow {
  /** 32 hex characters that sort by time (storage/ids.ts newTimeOrderedId): the cursor of the log. */
  id: string;
  projectId: string;
  at: Date;
  type: string;
  actor: AuditActor;
  ip: string;
  userAgent: string;
  requestId: string;
  target: AuditTarget;
  details: { [key: string]: JsonValue };
}

export type AuditEventInput = Omit<AuditEventRow, 'id' | 'at'>;

export interface AuditQuery {
  limit: number;
  /** The id of the last event of the previous page: the page holds older events. */
  after?: string | undefined;
  /** Only events of one of these types. */
  types?: readonly string[] | undefined;
  /** Only events whose target is this end user (or record). */
  uniqueId?: string | undefined;
  /** Only events whose target is this endpoint. */
  endpoint?: string | undefined;
}

/**
 * A write changed something unless it answered null, false or 0 (the answers of writes on a
 * missing row, storage/storage.ts). Only such a change is audited.
 */
export function changedSomething(result: unknown): boolean {
  return result !== null && result !== false && result !== 0;
}
