import { expect } from 'chai';
import pino from 'pino';
import supertest from 'supertest';
import type { RecordEnvelope } from '@rested/shared';
import { createApp } from '@rested/server';
import type { Adapter } from '../helpers/adapters.js';
import { testConfig, type TestContext } from '../helpers/app.js';
import type { RuntimeFixture } from '../helpers/runtime.js';

/* Shared steps of the runtime-data-*.test.ts suites. */

/**
 * Like useApp, but one app and store for a whole describe block (before/after), for tables of
 * read-only requests: each app starts its own JSONata worker processes (about 0.3 s each when
 * running from TypeScript sources), which a fresh app per row would pay every time.
 */
export function useSharedApp(adapter: Adapter): () => TestContext {
  let current: (TestContext & { dispose: () => Promise<void> }) | undefined;
  before(async () => {
    const { storage, dispose } = await adapter.open();
    const app = createApp({ config: testConfig(), storage, logger: pino({ level: 'silent' }) });
    const http = supertest.agent(app.callback()).set('X-Forwarded-Proto', 'https');
    current = { app, storage, http, dispose: async () => { await app.shutdown(); await dispose(); } };
  });
  after(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the app is only available inside a test');
    return current;
  };
}

export interface EndUser {
  id: string;
  token: string;
}

/** Registers `username` on the auth endpoint `auth` and logs in in header mode. */
export async function signUp(ctx: TestContext, f: RuntimeFixture, auth: string, username: string): Promise<EndUser> {
  const password = `${username}-password`;
  const reg = await ctx.http.post(f.url(auth)).send({ username, password });
  expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
  const res = await ctx.http.post(f.url(auth, { login: 'true', noATCookie: 'true' })).send({ username, password });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return { id: reg.body.uniqueId as string, token: res.headers.authorization!.slice('Bearer '.length) };
}

export const bearer = (user: EndUser) => ({ Authorization: `Bearer ${user.token}` });
export const master = (f: RuntimeFixture) => ({ 'X-Master-Key': f.masterKey });

/** `f.url(name, params)` plus repeated parameters, which an object cannot hold. */
export function urlWith(f: RuntimeFixture, name: string, params: Record<string, string>, repeated: [string, string][] = []): string {
  return [f.url(name, params), ...repeated.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)].join('&');
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

export function expectError(res: { status: number; body: { error?: { reason?: string } } }, status: number, reason: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.body.error?.reason).to.equal(reason);
}
