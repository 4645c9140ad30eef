/** Query keys, in one place so invalidations match what the screens read. */
export const keys = {
  me: ['me'] as const,
  projects: ['projects'] as const,
  project: (id: string) => ['projects', id] as const,
  usage: (id: string) => ['projects', id, 'usage'] as const,
  endpoints: (projectId: string) => ['projects', projectId, 'endpoints'] as const,
  endpoint: (projectId: string, endpointId: string) => ['projects', projectId, 'endpoints', endpointId] as const,
  records: (projectId: string, endpointId: string) => ['projects', projectId, 'endpoints', endpointId, 'records'] as const,
  recordPage: (projectId: string, endpointId: string, limit: number, after: string | null, where: string, sort: string) =>
    ['projects', projectId, 'endpoints', endpointId, 'records', limit, after, where, sort] as const,
  sessions: (projectId: string, endpointId: string, user: string) =>
    ['projects', projectId, 'endpoints', endpointId, 'sessions', user] as const,
  audit: (projectId: string) => ['projects', projectId, 'audit'] as const,
  endUser: (projectId: string, endpointId: string, user: string) =>
    ['projects', projectId, 'endpoints', endpointId, 'users', user] as const,
};
