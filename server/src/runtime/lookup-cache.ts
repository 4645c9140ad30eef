import type { Clock, EndpointRow, ProjectRow, Storage } from '../storage/types.js';

interface Entry<T> {
  value: T;
  loadedAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Caches the project (by API key) and endpoint (by project and name) lookups of the gate.
 * Changes made through this process invalidate at once; changes made by another server
 * instance are seen after at most `ttlMs`. Unknown keys are cached too (bounded), so a flood
 * of random keys does not reach the database on every request. Sessions are never cached.
 */
export function createLookupCache(storage: Storage, options: { ttlMs: number; clock: Clock }) {
  const projects = new Map<string, Entry<ProjectRow | null>>();
  const endpoints = new Map<string, Entry<EndpointRow | null>>();
  /** Bumped by every invalidation: a load that was under way then may hold the old row, so it is not kept. */
  let generation = 0;

  async function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = options.clock.now().getTime();
    const hit = map.get(key);
    if (hit && now - hit.loadedAt < options.ttlMs) return hit.value;
    const started = generation;
    const value = await load();
    if (started !== generation) return value;
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
    map.delete(key);
    map.set(key, { value, loadedAt: now });
    return value;
  }

  return {
    findProjectByApiKey(apiKey: string): Promise<ProjectRow | null> {
      return cached(projects, apiKey, () => storage.findProjectByApiKey(apiKey));
    },
    findEndpoint(projectId: string, name: string): Promise<EndpointRow | null> {
      return cached(endpoints, `${projectId}\u0000${name}`, () => storage.findEndpointByName(projectId, name));
    },
    /** Forget everything about one project: call after any change to it or its endpoints. */
    invalidateProject(projectId: string): void {
      generation++;
      for (const [key, entry] of projects) if (entry.value?.id === projectId) projects.delete(key);
      for (const key of endpoints.keys()) if (key.startsWith(`${projectId}\u0000`)) endpoints.delete(key);
    },
  };
}

export type LookupCache = ReturnType<typeof createLookupCache>;
