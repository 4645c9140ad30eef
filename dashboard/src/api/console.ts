import type { Endpoint, AccessOptions, Owner, Project, ProjectUsage, RecordPage, SessionInfo } from '@rested/shared';
import { CONSOLE_PREFIX } from '@rested/shared';
import { api } from './client';

const enc = encodeURIComponent;

export interface ProjectInput {
  name?: string;
  allowedOrigins?: string[];
  disallowNoOrigin?: boolean;
  tokenTtlSeconds?: number;
}

export interface EndpointInput {
  name?: string;
  description?: string;
  auth?: boolean;
  files?: boolean;
  maxFileBytes?: number;
  allowedTypes?: string[];
  secure?: boolean;
  requireVerifiedEmail?: boolean;
  access?: AccessOptions;
  indexes?: string[];
}

// Owner accounts
export const register = (input: { email: string; password: string; name?: string }) =>
  api<{ owner: Owner }>('POST', '/auth/register', input);
export const login = (input: { email: string; password: string }) => api<{ owner: Owner }>('POST', '/auth/login', input);
export const logout = () => api<void>('POST', '/auth/logout');
export const getMe = () => api<{ owner: Owner }>('GET', '/auth/me');

// Projects
const projectPath = (id: string) => `/projects/${enc(id)}`;
export const listProjects = () => api<Project[]>('GET', '/projects');
export const createProject = (input: ProjectInput) => api<Project>('POST', '/projects', input);
export const getProject = (id: string) => api<Project>('GET', projectPath(id));
export const updateProject = (id: string, input: ProjectInput) => api<Project>('PATCH', projectPath(id), input);
export const deleteProject = (id: string) => api<void>('DELETE', projectPath(id));
export const getProjectUsage = (id: string) => api<ProjectUsage>('GET', `${projectPath(id)}/usage`);
export const rotateApiKey = (id: string) => api<Project>('POST', `${projectPath(id)}/api-key`);
export const createMasterKey = (id: string) => api<{ masterKey: string }>('POST', `${projectPath(id)}/master-key`);
export const deleteMasterKey = (id: string) => api<void>('DELETE', `${projectPath(id)}/master-key`);

// Endpoints
const endpointsPath = (projectId: string) => `${projectPath(projectId)}/endpoints`;
const endpointPath = (projectId: string, endpointId: string) => `${endpointsPath(projectId)}/${enc(endpointId)}`;
export const listEndpoints = (projectId: string) => api<Endpoint[]>('GET', endpointsPath(projectId));
export const createEndpoint = (projectId: string, input: EndpointInput) =>
  api<Endpoint>('POST', endpointsPath(projectId), input);
export const getEndpoint = (projectId: string, endpointId: string) =>
  api<Endpoint>('GET', endpointPath(projectId, endpointId));
export const updateEndpoint = (projectId: string, endpointId: string, input: EndpointInput) =>
  api<Endpoint>('PATCH', endpointPath(projectId, endpointId), input);
export const deleteEndpoint = (projectId: string, endpointId: string) =>
  api<void>('DELETE', endpointPath(projectId, endpointId));

// Data browser
/** What the data browser asks for besides the page: a `where` filter (JSON text) and a sort. */
export interface RecordQuery {
  where: string;
  sort: string;
}

export function listRecords(projectId: string, endpointId: string, limit: number, after: string | null, query: RecordQuery = { where: '', sort: '' }) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (after) params.set('after', after);
  if (query.where) params.set('where', query.where);
  if (query.sort) params.set('sort', query.sort);
  return api<RecordPage>('GET', `${endpointPath(projectId, endpointId)}/records?${params.toString()}`);
}
export const deleteRecord = (projectId: string, endpointId: string, uniqueId: string) =>
  api<void>('DELETE', `${endpointPath(projectId, endpointId)}/records/${enc(uniqueId)}`);
export const listSessions = (projectId: string, endpointId: string, user: string) =>
  api<SessionInfo[]>('GET', `${endpointPath(projectId, endpointId)}/sessions?user=${enc(user)}`);
export const revokeSessions = (projectId: string, endpointId: string, user: string) =>
  api<void>('DELETE', `${endpointPath(projectId, endpointId)}/sessions?user=${enc(user)}`);

/** The console URL of a file record's bytes (same headers and ranges as fileOnly=true): for <img>, <video> and downloads. */
export const fileUrl = (projectId: string, endpointId: string, uniqueId: string) =>
  `${CONSOLE_PREFIX}${endpointPath(projectId, endpointId)}/records/${enc(uniqueId)}/file`;

/** Where the dashboard uploads files, with XMLHttpRequest for its progress events (fetch has none for uploads). */
export const uploadUrl = (projectId: string, endpointId: string) => `${CONSOLE_PREFIX}${endpointPath(projectId, endpointId)}/records`;
