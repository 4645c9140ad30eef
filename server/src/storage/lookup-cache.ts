import type { Clock } from '../clock.js';
import type { EndpointRow, ProjectRow } from './rows.js';
import type { EndpointStore, ProjectStore, Storage } from './storage.js';

interface Entry<T> {
  value: T;
  loadedAt: number;
}

const MAX_ENTRIES = 10_000;

/*
 * Every method of ProjectStore and EndpointStore is one of these three; a method added to either
 * store must be put in one of them, or `everyMethodSorted` below fails to compile.
 */
/** What the gate reads on every request: served from the cache. */
type Cached = 'findProjectByApiKey' | 'findEndpointByName';
/** Read by owners' actions, rarely: always from the database. */
type Uncached = 'findProjectById' | 'listProjects' | 'projectUsage' | 'findEndpointById' | 'listEndpoints';
/** Every write to a project or endpoint: each empties the cache once it is done. */
type Write = 'createProject' | 'updateProject' | 'deleteProject' | 'createEndpoint' | 'updateEndpoint' | 'deleteEndpoint';
const everyMethodSorted: Exclude<keyof (ProjectStore & EndpointStore), Cached | Uncached | Write> extends never ? true : never = true;
void everyMethodSorted;

/**
 * The storage, with the gate's project (by API key) and endpoint (by project and name) lookups
 * cached. Every write to a project or an endpoint made through this storage empties the cache
 * when it is done (whether it succeeded or not), so such changes apply at once on this
 * instance; changes made by another server instance are seen after at most `ttlMs`. Unknown keys
 * are cached too (bounded), so a flood of random keys does not reach the database on every
 * request. Sessions are never cached.
 */
export function withLookupCache(storage: Storage, options: { ttlMs: number; clock: Clock }): Storage {
  const projects = new Map<string, Entry<ProjectRow | null>>();
  const endpoints = new Map<string, Entry<EndpointRow | null>>();
  /** Bumped by every write: a load that was under way then may hold the old row, so it is not kept. */
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

  const forgetAll = () => {
    generation++;
    projects.clear();
    endpoints.clear();
  };
  const invalidating = <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        forgetAll();
      }
    };

  const wrapped: Pick<Storage, Cached | Write> = {
    findProjectByApiKey: (apiKey) => cached(projects, apiKey, () => storage.findProjectByApiKey(apiKey)),
    findEndpointByName: (projectId, name) => cached(endpoints, `${projectId}\u0000${name}`, () => storage.findEndpointByName(projectId, name)),
    createProject: invalidating(storage.createProject),
    updateProject: invalidating(storage.updateProject),
    deleteProject: invalidating(storage.deleteProject),
    createEndpoint: invalidating(storage.createEndpoint),
    updateEndpoint: invalidating(storage.updateEndpoint),
    deleteEndpoint: invalidating(storage.deleteEndpoint),
  };
  return { ...storage, ...wrapped };
}
