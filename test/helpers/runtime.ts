import { ACCESS_TOKEN_COOKIE, RUNTIME_PREFIX, type AccessOptions } from '@rested/shared';
import { hashMasterKey, newKey, type EndpointRow, type ProjectRow, type Storage } from '@rested/server';
import { TEST_SECRET } from './app.js';

export interface RuntimeFixture {
  project: ProjectRow;
  masterKey: string;
  /** Endpoint rows by name. */
  endpoints: Record<string, EndpointRow>;
  /** `/api/1/ce/<name>?key=<apiKey>&…` */
  url(name: string, params?: Record<string, string>): string;
}

export interface EndpointSpec {
  name: string;
  auth?: boolean;
  secure?: boolean;
  access?: Partial<AccessOptions>;
}

/** A project with a master key and the given endpoints, written straight into storage. */
export async function seedRuntime(
  storage: Storage,
  options: { endpoints: EndpointSpec[]; allowedOrigins?: string[]; disallowNoOrigin?: boolean; tokenTtlSeconds?: number },
): Promise<RuntimeFixture> {
  const owner = await storage.createOwner({ email: `${newKey()}@example.com`, name: 'Owner', passwordHash: 'x' });
  const masterKey = newKey();
  const project = await storage.createProject({
    ownerId: owner.id,
    name: 'Runtime test',
    apiKey: newKey(),
    allowedOrigins: options.allowedOrigins ?? [],
    disallowNoOrigin: options.disallowNoOrigin ?? false,
    masterKeyHash: hashMasterKey(TEST_SECRET, masterKey),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    jwtSecret: newKey() + newKey(),
  });
  const endpoints: Record<string, EndpointRow> = {};
  for (const spec of options.endpoints) {
    endpoints[spec.name] = await storage.createEndpoint({
      projectId: project.id,
      name: spec.name,
      description: '',
      auth: spec.auth ?? false,
      secure: spec.secure ?? false,
      access: { readOthers: false, updateOthers: false, deleteOthers: false, ...spec.access },
    });
  }
  const url = (name: string, params: Record<string, string> = {}) =>
    `${RUNTIME_PREFIX}/${name}?${new URLSearchParams({ key: project.apiKey, ...params }).toString()}`;
  return { project, masterKey, endpoints, url };
}

/** Parses one Set-Cookie header into its name, value and attributes (lower-cased names). */
export function parseSetCookie(header: string): { name: string; value: string; attributes: Record<string, string | true> } {
  const [pair, ...attrs] = header.split(';').map((s) => s.trim());
  const eq = pair!.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    if (i === -1) attributes[attr.toLowerCase()] = true;
    else attributes[attr.slice(0, i).toLowerCase()] = attr.slice(i + 1);
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
}

export function accessTokenCookieOf(setCookie: string[] | string | undefined): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = list.map(parseSetCookie).find((c) => c.name === ACCESS_TOKEN_COOKIE);
  return found?.value;
}
