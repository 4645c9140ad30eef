import { expect } from 'chai';
import type TestAgent from 'supertest/lib/agent.js';
import { RUNTIME_PREFIX, type AccessOptions, type RecordEnvelope } from '@rested/shared';
import { hashMasterKey, newKey, type EndpointRow, type ProjectRow, type Storage } from '@rested/server';
import { TEST_SECRET, type TestContext } from './app.js';
import { NOT_FILES } from './fixtures.js';

/* The runtime API (/api/1/ce/*) as its clients use it: seeded projects, URLs, end users, records. */

// Kept importable from here, where suites found them before cookies.ts.
export { accessTokenCookieOf, parseSetCookie } from './cookies.js';

/** A runtime API URL: /api/1/ce/<name>?key=…&… */
export function ce(name: string, params: Record<string, string>): string {
  return `${RUNTIME_PREFIX}/${name}?${new URLSearchParams(params).toString()}`;
}

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
  /** A file endpoint, with its limits (docs/file-endpoints.md). */
  files?: boolean;
  maxFileBytes?: number;
  allowedTypes?: string[];
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
      files: spec.files ?? false,
      maxFileBytes: spec.maxFileBytes ?? NOT_FILES.maxFileBytes,
      allowedTypes: spec.allowedTypes ?? [],
      secure: spec.secure ?? false,
      access: { readOthers: false, updateOthers: false, deleteOthers: false, ...spec.access },
    });
  }
  const url = (name: string, params: Record<string, string> = {}) => ce(name, { key: project.apiKey, ...params });
  return { project, masterKey, endpoints, url };
}

/** `f.url(name, params)` plus repeated parameters, which an object cannot hold. */
export function urlWith(f: RuntimeFixture, name: string, params: Record<string, string>, repeated: [string, string][] = []): string {
  return [f.url(name, params), ...repeated.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)].join('&');
}

export interface EndUser {
  /** The user's uniqueId. */
  id: string;
  token: string;
}

/** An end user's record: a username or an email, a password (if left out, `<username or email>-password`), other fields. */
export interface EndUserFields {
  username?: string;
  email?: string;
  password?: string;
  [field: string]: unknown;
}

/** The login body for `user`: its username (or else its email) and its password. */
function loginOf(user: EndUserFields): { username: string; password: string } | { email: string; password: string } {
  const password = user.password ?? `${user.username ?? user.email}-password`;
  return user.username !== undefined ? { username: user.username, password } : { email: user.email!, password };
}

/** Registers an end user on the auth endpoint `endpoint` of `project`, then logs them in in header mode. */
export async function signUpEndUser(
  http: TestAgent, project: { apiKey: string }, endpoint: string, user: EndUserFields, userAgent = 'test-agent/1.0',
): Promise<EndUser> {
  const reg = await http.post(ce(endpoint, { key: project.apiKey })).send({ ...user, password: loginOf(user).password });
  expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
  return { id: reg.body.uniqueId as string, token: await logInEndUser(http, project, endpoint, user, userAgent) };
}

/** Logs an end user in in header mode (noATCookie) and answers the token. */
export async function logInEndUser(
  http: TestAgent, project: { apiKey: string }, endpoint: string, user: EndUserFields, userAgent = 'test-agent/1.0',
): Promise<string> {
  const url = ce(endpoint, { key: project.apiKey, login: 'true', noATCookie: 'true' });
  const res = await http.post(url).set('User-Agent', userAgent).send(loginOf(user));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return String(res.headers.authorization).replace(/^Bearer /, '');
}

/** POSTs `data` as JSON and answers the created record's envelope. */
export async function createRecord(ctx: TestContext, url: string, data: unknown, headers: Record<string, string> = {}): Promise<RecordEnvelope> {
  const res = await ctx.http.post(url).set(headers).set('Content-Type', 'application/json').send(JSON.stringify(data));
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as RecordEnvelope;
}

/** Every record of the endpoint straight from storage, by uniqueId. */
export async function storedRecords(ctx: TestContext, endpointId: string): Promise<Map<string, unknown>> {
  const rows = await ctx.storage.listRecords(endpointId, { limit: 1000 });
  return new Map(rows.map((r) => [r.uniqueId, r.data]));
}
