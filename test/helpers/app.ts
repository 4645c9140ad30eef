import pino, { type Logger } from 'pino';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp, type App, type Clock, type Config, type Storage } from '@rested/server';
import type { Adapter } from './adapters.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The defaults of load-config.ts; a test lowers one with `config: {quotas: {...TEST_QUOTAS, …}}`. */
export const TEST_QUOTAS = Object.freeze({ projectsPerOwner: 100, recordsPerProject: 1_000_000, bytesPerProject: 1024 ** 3, writesPerMinute: 1000 });

export function testConfig(overrides: Partial<Config> = {}): Readonly<Config> {
  return Object.freeze({
    port: 0,
    host: undefined,
    dataDir: '/nonexistent',
    mongodbUri: undefined,
    secret: TEST_SECRET,
    trustProxy: 1,
    bodyLimitBytes: 1024 * 1024,
    fileLimitBytes: 100 * 1024 * 1024,
    signup: 'open',
    logLevel: 'silent',
    cacheTtlMs: 2000,
    auditRetentionDays: 90,
    dashboardDir: null,
    workers: 1,
    quotas: TEST_QUOTAS,
    server: { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, idleTimeoutMs: 15_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 },
    pageBudgetBytes: 4 * 1024 * 1024,
    bodyBudgetBytes: 64 * 1024 * 1024,
    ...overrides,
  });
}

export interface TestContext {
  app: App;
  storage: Storage;
  /** supertest bound to the app, without opening a port. */
  http: TestAgent;
}

export interface AppOptions {
  config?: Partial<Config>;
  clock?: Clock;
  /** Silent unless a test reads the log. */
  logger?: Logger;
  /** Waits between mail attempts (the server's default is about a minute in all). */
  mailRetryDelaysMs?: readonly number[];
}

/**
 * An app on `storage` (a second server instance, when the store is already another app's), with
 * supertest bound to it. Requests look like HTTPS (X-Forwarded-Proto with a trusted proxy).
 */
export function appOn(storage: Storage, options: AppOptions = {}): Omit<TestContext, 'storage'> {
  const app = createApp({
    config: testConfig(options.config),
    storage,
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.mailRetryDelaysMs ? { mailRetryDelaysMs: options.mailRetryDelaysMs } : {}),
  });
  return { app, http: supertest.agent(app.callback()).set('X-Forwarded-Proto', 'https') };
}

/**
 * A fresh app on a fresh store of `adapter` for every test; see appOn.
 *
 * With `shared: true`, one app and store serve the whole describe block (before/after), for
 * tables of read-only requests: each app starts its own JSONata worker processes (about 0.3 s
 * each when running from TypeScript sources), which a fresh app per row would pay every time.
 */
export function useApp(adapter: Adapter, options: AppOptions & { shared?: boolean } = {}): () => TestContext {
  const [setUp, tearDown] = options.shared ? [before, after] : [beforeEach, afterEach];
  let current: (TestContext & { dispose: () => Promise<void> }) | undefined;
  setUp(async () => {
    const { storage, dispose } = await adapter.open(options.clock);
    const { app, http } = appOn(storage, options);
    current = { app, storage, http, dispose: async () => { await app.shutdown(); await dispose(); } };
  });
  tearDown(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the app is only available inside a test');
    return current;
  };
}
