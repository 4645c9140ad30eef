import Router from '@koa/router';
import type { Context } from 'koa';
import { ACCESS_TOKEN_COOKIE, RUNTIME_PREFIX } from '@rested/shared';
import { parse as parseCookies } from 'cookie';
import type { Services } from '../services.js';
import { readBody } from '../http/body.js';
import { respond } from '../http/respond.js';
import { dispatch } from './dispatch.js';
import { gate, type GateState } from './gate.js';
import type { RuntimeRequest } from './runtime-request.js';

/** Bearer token, raw token in Authorization, or the access-token cookie; the header wins. */
function tokenOf(ctx: Context): string | null {
  const header = ctx.get('Authorization').trim();
  if (header) return header.replace(/^Bearer(\s+|$)/i, '') || null;
  const cookieHeader = ctx.get('Cookie');
  return (cookieHeader && parseCookies(cookieHeader)[ACCESS_TOKEN_COOKIE]) || null;
}

function runtimeRequest(ctx: Context, services: Services): RuntimeRequest {
  const { project, endpoint, master } = ctx.state.gate as GateState;
  return {
    services,
    project,
    endpoint,
    master,
    query: ctx.query,
    token: tokenOf(ctx),
    readBody: (kind) => readBody(ctx, kind, services.config.bodyLimitBytes),
    userAgent: ctx.get('User-Agent'),
    ip: ctx.ip,
  };
}

/** /api/1/ce/<endpoint name>: the name is the whole rest of the path, slashes included. */
export function runtimeRouter(services: Services): Router {
  const router = new Router({ prefix: RUNTIME_PREFIX });
  router.all('/*endpoint', gate(services), async (ctx) => {
    respond(ctx, await dispatch(runtimeRequest(ctx, services), ctx.method));
  });
  return router;
}
