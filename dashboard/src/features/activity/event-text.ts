import type { AuditEvent, Endpoint } from '@rested/shared';

/** The event types an owner filters by, in the order the filter lists them. */
export const EVENT_TYPES = [
  'user.registered', 'user.login', 'user.login_failed', 'user.logout', 'user.password_changed',
  'user.password_reset_requested', 'user.password_reset', 'user.email_verification_requested', 'user.email_verified',
  'user.deleted', 'user.disabled', 'user.enabled', 'sessions.revoked_by_owner', 'record.deleted_by_owner',
  'project.created', 'project.updated', 'project.deleted', 'project.api_key_rotated',
  'project.master_key_created', 'project.master_key_deleted', 'endpoint.created', 'endpoint.updated', 'endpoint.deleted',
  'email.settings_changed', 'master_key.used',
] as const;

export function actorText(event: AuditEvent): string {
  const { kind, id } = event.actor;
  if (kind === 'owner') return 'owner';
  if (kind === 'master') return 'master key';
  if (kind === 'system') return 'system';
  return id ? `user ${id.slice(0, 8)}…` : 'anonymous';
}

export function targetText(event: AuditEvent, endpoints: readonly Endpoint[]): string {
  const parts: string[] = [];
  const endpoint = endpoints.find((e) => e.id === event.target.endpoint);
  if (event.target.endpoint) parts.push(endpoint ? endpoint.name : 'deleted endpoint');
  if (event.target.uniqueId) parts.push(event.target.uniqueId.slice(0, 8) + '…');
  return parts.join(' · ') || '—';
}

export function detailsText(event: AuditEvent): string {
  return Object.entries(event.details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
