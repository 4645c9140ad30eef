import pino from 'pino';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp, type App, type Clock, type Config, type Storage } from '@rested/server';
import type { Adapter } from './adapters.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export function testConfig(overrides: Partial<Config> = {}): Readonly<Config> {
  return Object.freeze({
    port: 0,
    host: undefined,
    dataDir: '/nonexistent',
    mongodbUri: undefined,
    secret: TEST_SECRET,
    trustProxy: true,
    bodyLimitBytes: 1024 * 1024,
    signup: 'open',
    logLevel: 'silent',
    cacheTtlMs: 2000,
    dashboardDir: null,
    workers: 1,
    ...overrides,
  });
}

export interface TestContext {
  app: App;
  storage: Storage;
  /** supertest bound to the app, without opening a port. */
  http: TestAgent;
}

/**
 * A fresh app on a fresh store of `adapter` for every test. Requests look like HTTPS
 * (X-Forwarded-Proto with a trusted proxy) unless a test says otherwise.
 */
export function useApp(adapter: Adapter, options: { config?: Partial<Config>; clock?: Clock } = {}): () => TestContext {
  let current: (TestContext & { dispose: () => Promise<void> }) | undefined;
  beforeEach(async () => {
    const { storage, dispose } = await adapter.open(options.clock);
    const app = createApp({ config: testConfig(options.config), storage, logger: pino({ level: 'silent' }), ...(options.clock ? { clock: options.clock } : {}) });
    const http = supertest.agent(app.callback()).set('X-Forwarded-Proto', 'https');
    current = { app, storage, http, dispose: async () => { await app.shutdown(); await dispose(); } };
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the app is only available inside a test');
    return current;
  };
}
