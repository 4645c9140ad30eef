import type { TransferKind, TransferRows } from './storage.js';

/**
 * The key of each kind of row: the fields that make it unique, joined with "/" (ids hold no "/"),
 * which is what TransferStore scans in order and resumes after. Email templates are keyed by
 * project and name, as MongoDB's `_id` already is.
 */
export const TRANSFER_KEY_FIELDS: { readonly [K in TransferKind]: ReadonlyArray<keyof TransferRows[K] & string> } = {
  owners: ['id'],
  ownerSessions: ['id'],
  projects: ['id'],
  endpoints: ['id'],
  users: ['uniqueId'],
  sessions: ['id'],
  records: ['uniqueId'],
  emailSettings: ['projectId'],
  emailTemplates: ['projectId', 'name'],
  oneTimeTokens: ['tokenHash'],
  auditEvents: ['id'],
};

/** The row's key; null when one of its key fields is not a string. */
export function transferKey(kind: TransferKind, row: object): string | null {
  const parts = TRANSFER_KEY_FIELDS[kind].map((field) => (row as Record<string, unknown>)[field]);
  return parts.every((part) => typeof part === 'string') ? parts.join('/') : null;
}
