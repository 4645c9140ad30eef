import type { EndpointRow, ProjectRow, Storage, UserRow } from '@rested/server';
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
    ...NOT_FILES,
    secure: false,
    access: { readOthers: false, updateOthers: false, deleteOthers: false },
    ...overrides,
  });
}

/** The file-endpoint fields of an endpoint that is not one. */
export const NOT_FILES = Object.freeze({ files: false, maxFileBytes: 100 * 1024 * 1024, allowedTypes: [] as string[] });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A project with one auth endpoint. */
export async function seedAuthEndpoint(s: Storage): Promise<{ projectId: string; authId: string }> {
  const projectId = (await seedProject(s)).id;
  return { projectId, authId: (await seedEndpoint(s, projectId, { auth: true })).id };
}

/** An end user of an auth endpoint; its data holds the username and email as given, its login fields their lower case. */
export function seedUser(s: Storage, projectId: string, endpointId: string, username: string | null, email: string | null): Promise<UserRow> {
  return s.createUser({
    projectId,
    endpointId,
    usernameLower: username?.toLowerCase() ?? null,
    emailLower: email?.toLowerCase() ?? null,
    passwordHash: 'hash',
    data: { ...(username ? { username } : {}), ...(email ? { email } : {}) },
  });
}
