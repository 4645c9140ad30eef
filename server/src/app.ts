import Router from '@koa/router';
import Koa from 'koa';
import type { Health } from '@rested/shared';
import { consoleRouter } from './console/router.js';
import { requestContext } from './http/request-context.js';
import { staticFiles } from './http/static-files.js';
import { metricsRouter } from './traffic/metrics.js';
import { observeRequest } from './traffic/observe-request.js';
import { runtimeRouter } from './runtime/router.js';
import { createServices, type ServiceDeps } from './services.js';

export type AppDeps = ServiceDeps;

/** The Koa app, plus `shutdown()` to release what it started (the JSONata workers). */
export type App = Koa & { shutdown(): Promise<void> };

/** Builds the Koa app. No listen, no globals: tests build many in one process. */
export function createApp(deps: AppDeps): App {
  const services = createServices(deps);
  // With n proxies, Koa takes the n-th address from the right of X-Forwarded-For: the one the
  // outermost trusted proxy appended. Whatever the client put to the left of it is ignored.
  const hops = deps.config.trustProxy;
  const app = new Koa({ proxy: hops > 0, maxIpsCount: hops });
  app.use(requestContext(deps.logger, observeRequest(services.traffic)));
  // Errors after the answer started (a file download whose client went away): Koa would print them to stderr.
  app.on('error', (error: NodeJS.ErrnoException, ctx?: Koa.Context) => {
    const clientGone = ['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE'].includes(error.code ?? '');
    deps.logger[clientGone ? 'debug' : 'error']({ err: error, req: ctx?.state.requestId }, clientGone ? 'the client left before the answer ended' : 'error while answering');
  });

  const health = new Router();
  health.get('/health', async (ctx) => {
    await deps.storage.ping();
    ctx.body = { status: 'ok', storage: deps.storage.kind } satisfies Health;
  });
  app.use(health.routes());
  app.use(metricsRouter(services).routes());
  app.use(runtimeRouter(services).routes());
  app.use(consoleRouter(services).routes());
  if (deps.config.dashboardDir) app.use(staticFiles(deps.config.dashboardDir));
  return Object.assign(app, { shutdown: services.close });
}
