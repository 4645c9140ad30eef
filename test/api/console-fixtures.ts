/* Helpers shared by the console API tests (not a test file itself). */
import { expect } from 'chai';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { CONSOLE_COOKIE, CONSOLE_PREFIX, RUNTIME_PREFIX, type Endpoint, type Owner, type Project } from '@rested/shared';

export const C = CONSOLE_PREFIX;
export const PASSWORD = 'correct horse battery';

let counter = 0;
export const uniqueEmail = (prefix = 'owner') => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface SignedUp {
  owner: Owner;
  token: string;
  /** Headers that authenticate as this owner. */
  auth: { Authorization: string };
}

/** Registers an owner and returns its Bearer token (no cookie involved). */
export async function signUp(http: TestAgent, email = uniqueEmail(), password = PASSWORD): Promise<SignedUp> {
  const res = await http.post(`${C}/auth/register?noCookie=true`).send({ email, password, name: 'Test Owner' });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { owner: res.body.owner, token: res.body.token, auth: bearer(res.body.token) };
}

export async function newProject(http: TestAgent, who: SignedUp, body: Record<string, unknown> = {}): Promise<Project> {
  const res = await http.post(`${C}/projects`).set(who.auth).send({ name: 'Test project', ...body });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as Project;
}

export async function newEndpoint(http: TestAgent, who: SignedUp, projectId: string, body: Record<string, unknown>): Promise<Endpoint> {
  const res = await http.post(`${C}/projects/${projectId}/endpoints`).set(who.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as Endpoint;
}

/** Asserts the error envelope: status, reason, and the request id echoed in header and body. */
export function expectError(res: Response, status: number, reason: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/json/);
  expect(res.body.error).to.include({ code: status, reason });
  expect(res.body.error.message).to.be.a('string').and.not.equal('');
  expect(res.body.error.request).to.equal(res.headers['x-request-id']);
}

/** Every Set-Cookie line of a response. */
export function setCookies(res: Response): string[] {
  const raw = res.headers['set-cookie'] as unknown;
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

/** The console session cookie line of a response (exactly one expected). */
export function consoleCookieLine(res: Response): string {
  const lines = setCookies(res).filter((line) => line.startsWith(`${CONSOLE_COOKIE}=`));
  expect(lines, 'one rested-console Set-Cookie').to.have.length(1);
  return lines[0]!;
}

/** The token value in a console Set-Cookie line. */
export function cookieToken(line: string): string {
  return decodeURIComponent(line.slice(CONSOLE_COOKIE.length + 1).split(';')[0]!);
}

/** Attributes of a Set-Cookie line, lower-cased names → values ('' for flags). */
export function cookieAttributes(line: string): Record<string, string> {
  const [, ...parts] = line.split(';').map((p) => p.trim());
  return Object.fromEntries(parts.map((p) => {
    const i = p.indexOf('=');
    return i === -1 ? [p.toLowerCase(), ''] : [p.slice(0, i).toLowerCase(), p.slice(i + 1)];
  }));
}

/** A clock tests can move forward; the app and its storage both read it. */
export function movableClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
    reset() {
      offsetMs = 0;
    },
  };
}

/** Registers an owner with the cookie flow and returns the `Cookie` request header value. */
export async function signUpWithCookie(http: TestAgent, email = uniqueEmail()): Promise<{ owner: Owner; cookie: string }> {
  const res = await http.post(`${C}/auth/register`).send({ email, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { owner: res.body.owner, cookie: `${CONSOLE_COOKIE}=${cookieToken(consoleCookieLine(res))}` };
}

/** A runtime API URL: /api/1/ce/<name>?key=…&… */
export function ce(name: string, params: Record<string, string>): string {
  return `${RUNTIME_PREFIX}/${name}?${new URLSearchParams(params).toString()}`;
}

/** Registers an end user on an auth endpoint through the runtime API and logs them in (header mode). */
export async function endUser(http: TestAgent, endpointName: string, apiKey: string, email: string, userAgent = 'test-agent/1.0') {
  const reg = await http.post(ce(endpointName, { key: apiKey })).send({ email, password: PASSWORD, nickname: 'n' });
  expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
  const uniqueId = reg.body.uniqueId as string;
  const token = await endUserLogin(http, endpointName, apiKey, email, userAgent);
  return { uniqueId, token };
}

export async function endUserLogin(http: TestAgent, endpointName: string, apiKey: string, email: string, userAgent = 'test-agent/1.0'): Promise<string> {
  const res = await http.post(ce(endpointName, { key: apiKey, login: 'true', noATCookie: 'true' })).set('User-Agent', userAgent).send({ email, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return String(res.headers.authorization).replace(/^Bearer /, '');
}
