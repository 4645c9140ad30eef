import type { EndpointRow, ProjectRow, Storage } from '@rested/server';
import type { Adapter } from './adapters.js';

/** Fresh storage per test: `const store = useFreshStorage(adapter)`, then `store()` inside tests. */
export function useFreshStorage(adapter: Adapter): () => Storage {
  let current: { storage: Storage; dispose: () => Promise<void> } | undefined;
  beforeEach(async () => {
    current = await adapter.open();
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('storage is only available inside a test');
    return current.storage;
  };
}

let counter = 0;
/** A string no other call in this process answers. */
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function seedProject(storage: Storage, overrides: Partial<ProjectRow> = {}): Promise<ProjectRow> {
  const owner = await storage.createOwner({ email: `owner-${unique()}@example.com`, name: 'Owner', passwordHash: 'x' });
  return storage.createProject({
    ownerId: owner.id,
    name: 'Test project',
    apiKey: `key${unique()}`.padEnd(32, '0').slice(0, 32),
    allowedOrigins: [],
    disallowNoOrigin: false,
    masterKeyHash: null,
    tokenTtlSeconds: 3600,
    jwtSecret: 'secret',
    ...overrides,
  });
}

export async function seedEndpoint(storage: Storage, projectId: string, overrides: Partial<EndpointRow> = {}): Promise<EndpointRow> {
  return storage.createEndpoint({
    projectId,
    name: `items-${unique()}`,
    description: '',
    auth: false,
    secure: false,
    access: { readOthers: false, updateOthers: false, deleteOthers: false },
    ...overrides,
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
