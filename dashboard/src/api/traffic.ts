import type { RequestErrorList, TrafficRange, TrafficSeries } from '@rested/shared';
import { api } from './client';

const projectPath = (id: string) => `/projects/${encodeURIComponent(id)}`;

export const getTraffic = (projectId: string, range: TrafficRange) =>
  api<TrafficSeries>('GET', `${projectPath(projectId)}/traffic?range=${range}`);

export function listRequestErrors(projectId: string, filter: { reason: string; endpoint: string }) {
  const params = new URLSearchParams();
  if (filter.reason) params.set('reason', filter.reason);
  if (filter.endpoint) params.set('endpoint', filter.endpoint);
  return api<RequestErrorList>('GET', `${projectPath(projectId)}/request-errors?${params.toString()}`);
}
