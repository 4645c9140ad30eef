import { expect } from 'chai';
import type TestAgent from 'supertest/lib/agent.js';
import { CONSOLE_COOKIE, CONSOLE_PREFIX, type Endpoint, type Owner, type Project } from '@rested/shared';
import { consoleCookieLine, cookieToken } from './cookies.js';
import { unique } from './fixtures.js';
import { bearer } from './headers.js';

/* The console API (/api/console/*) as the dashboard and owners' scripts use it. */

export const C = CONSOLE_PREFIX;
export const PASSWORD = 'correct horse battery';

export const uniqueEmail = (prefix = 'owner') => `${prefix}-${unique()}@example.com`;

export interface SignedUp {
  owner: Owner;
  token: string;
  /** Headers that authenticate as this owner. */
  auth: { Authorization: string };
}

/** Registers an owner and returns its Bearer token (no cookie involved). */
export async function signUpOwner(http: TestAgent, email = uniqueEmail(), password = PASSWORD): Promise<SignedUp> {
  const res = await http.post(`${C}/auth/register?noCookie=true`).send({ email, password, name: 'Test Owner' });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { owner: res.body.owner, token: res.body.token, auth: bearer(res.body.token) };
}

/** Registers an owner with the cookie flow and returns the `Cookie` request header value. */
export async function signUpOwnerWithCookie(http: TestAgent, email = uniqueEmail()): Promise<{ owner: Owner; cookie: string }> {
  const res = await http.post(`${C}/auth/register`).send({ email, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { owner: res.body.owner, cookie: `${CONSOLE_COOKIE}=${cookieToken(consoleCookieLine(res))}` };
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
