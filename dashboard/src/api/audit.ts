import { CONSOLE_PREFIX, type AuditPage } from '@rested/shared';
import { api } from './client';

/* The console API of a project's audit log and of its end users' accounts (docs/audit-log.md). */

const enc = encodeURIComponent;

export interface AuditFilter {
  type: string;
  user: string;
  endpoint: string;
}

function filterParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.type) params.set('type', filter.type);
  if (filter.user.trim()) params.set('user', filter.user.trim());
  if (filter.endpoint) params.set('endpoint', filter.endpoint);
  return params;
}

export function listAudit(projectId: string, filter: AuditFilter, after: string | null, limit = 50) {
  const params = filterParams(filter);
  params.set('limit', String(limit));
  if (after) params.set('after', after);
  return api<AuditPage>('GET', `/projects/${enc(projectId)}/audit?${params.toString()}`);
}

/** The export's address: a plain link, so the browser streams it to a file (the session cookie goes along). */
export function auditExportUrl(projectId: string, filter: AuditFilter): string {
  const query = filterParams(filter).toString();
  return `${CONSOLE_PREFIX}/projects/${enc(projectId)}/audit/export${query ? `?${query}` : ''}`;
}

export interface EndUserInfo {
  uniqueId: string;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
  data: Record<string, unknown>;
}

const userPath = (projectId: string, endpointId: string, uniqueId: string) =>
  `/projects/${enc(projectId)}/endpoints/${enc(endpointId)}/users/${enc(uniqueId)}`;

export const getEndUser = (projectId: string, endpointId: string, uniqueId: string) =>
  api<EndUserInfo>('GET', userPath(projectId, endpointId, uniqueId));
export const updateEndUser = (projectId: string, endpointId: string, uniqueId: string, input: { disabled?: boolean; password?: string }) =>
  api<EndUserInfo>('PATCH', userPath(projectId, endpointId, uniqueId), input);
export const sendEndUserReset = (projectId: string, endpointId: string, uniqueId: string, templateName: string) =>
  api<void>('POST', `${userPath(projectId, endpointId, uniqueId)}/password-reset`, { templateName });
