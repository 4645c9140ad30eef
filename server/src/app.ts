import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Health } from '@rested/shared';
import type { Config } from './config/load-config.js';
import { requestContext } from './http/request-context.js';
import { staticFiles } from './http/static-files.js';
import { consoleRouter } from './console/router.js';
import { createLookupCache } from './runtime/lookup-cache.js';
import { runtimeRouter } from './runtime/router.js';
import type { Clock, Storage } from './storage/types.js';
import { systemClock } from './storage/types.js';
import { createLoginThrottle, type LoginThrottle } from './auth/login-throttle.js';
import { createDummyHash } from './auth/passwords.js';
import { createJsonataRunner, type JsonataRunner } from './runtime/jsonata/jsonata-runner.js';
import type { LookupCache } from './runtime/lookup-cache.js';

export interface AppDeps {
  config: Readonly<Config>;
  storage: Storage;
  logger: Logger;
  clock?: Clock;
}

/** Everything a request handler may use; built once per app, never global. */
export interface Services {
  config: Readonly<Config>;
  storage: Storage;
  logger: Logger;
  clock: Clock;
  lookup: LookupCache;
  /** End-user logins of the runtime API. */
  throttle: LoginThrottle;
  /** Owner logins of the console. */
  consoleThrottle: LoginThrottle;
  /** A hash to check unknown users' passwords against, so failures take the same time. */
  dummyHash: () => Promise<string>;
  jsonata: JsonataRunner;
}

export const JSONATA_TIMEOUT_MS = 1000;

/** The Koa app, plus `shutdown()` to release what it started (the JSONata worker). */
export type App = Koa & { shutdown(): Promise<void> };

/** Builds the Koa app. No listen, no globals: tests build many in one process. */
export function createApp(deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const services: Services = {
    ...deps,
    clock,
    lookup: createLookupCache(deps.storage, { ttlMs: deps.config.cacheTtlMs, clock }),
    throttle: createLoginThrottle(deps.storage, 'login'),
    consoleThrottle: createLoginThrottle(deps.storage, 'console-login'),
    dummyHash: createDummyHash(),
    jsonata: createJsonataRunner({
      timeoutMs: JSONATA_TIMEOUT_MS,
      maxResultBytes: Math.max(deps.config.bodyLimitBytes, 8 * 1024 ** 2),
      onWorkerFailure: (detail) => deps.logger.error({ detail }, 'JSONata worker process failed'),
    }),
  };
  const app = new Koa({ proxy: deps.config.trustProxy });
  app.use(requestContext(deps.logger));

  const health = new Router();
  health.get('/health', async (ctx) => {
    await deps.storage.ping();
    ctx.body = { status: 'ok', storage: deps.storage.kind } satisfies Health;
  });
  app.use(health.routes());
  app.use(runtimeRouter(services).routes());
  app.use(consoleRouter(services).routes());
  if (deps.config.dashboardDir) app.use(staticFiles(deps.config.dashboardDir));
  return Object.assign(app, { shutdown: () => services.jsonata.close() });
}
