import Router from '@koa/router';
import { RUNTIME_PREFIX } from '@rested/shared';
import type { Services } from '../services.js';
import { respond } from '../http/respond.js';
import { preflight } from './cors.js';
import { dispatch } from './dispatch.js';
import { gate } from './gate.js';
import { ROUTES } from './routes.js';

/** /api/1/ce/<endpoint name>: the name is the whole rest of the path, slashes included. gate → route table → respond. */
export function runtimeRouter(services: Services): Router {
  const router = new Router({ prefix: RUNTIME_PREFIX });
  router.all('/*endpoint', async (ctx) => {
    const req = await gate(ctx, services);
    respond(ctx, !req || req.method === 'OPTIONS' ? preflight() : await dispatch(ROUTES, req));
  });
  return router;
}
