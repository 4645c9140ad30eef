import type { Context } from 'koa';
import { parse as parseCookies } from 'cookie';
import { ACCESS_TOKEN_COOKIE, H, Q } from '@rested/shared';
import type { Services } from '../services.js';
import { recordMasterKeyUse } from './audit-event.js';
import { verifyMasterKey } from '../auth/keys.js';
import { apiError } from '../http/api-error.js';
import { readBody } from '../http/body.js';
import { isMultipart, readMultipart } from '../http/multipart.js';
import type { EndpointRow, ProjectRow } from '../storage/rows.js';
import type { TrafficTarget } from '../traffic/observe-request.js';
import { keepsSecureCookies } from './cookie-transport.js';
import { corsHeaders, openCorsHeaders, requireAllowedOrigin } from './cors.js';
import { parseOptions, type RuntimeRequest } from './runtime-request.js';

const single = (value: unknown): string | undefined => (Array.isArray(value) ? value[0] : (value as string | undefined));

/**
 * The gate, in the order of the runtime contract: key → project and endpoint → origin policy
 * (its refusal skipped with a valid master key) → CORS headers (only ever for an allowed
 * origin). Answers the typed request the route table dispatches (for a preflight OPTIONS too:
 * the router answers it).
 */
export async function gate(ctx: Context, services: Services): Promise<RuntimeRequest<string> | null> {
  const origin = ctx.get('Origin');
  const key = single(ctx.query[Q.key]);
  if (!key) return refuseUnknownTarget(ctx, openCorsHeaders(origin), 'missing_key', 'The key query parameter is required.');
  const project = await services.storage.findProjectByApiKey(key);
  const name = ctx.params.endpoint ?? '';
  if (project) ctx.state.traffic = { projectId: project.id, endpoint: name } satisfies TrafficTarget;
  const endpoint = project ? await services.storage.findEndpointByName(project.id, name) : null;
  if (!project || !endpoint) {
    // An unknown key has no allow-list; a known project's keeps applying to its unknown endpoints.
    const headers = project ? corsHeaders(origin, project) : openCorsHeaders(origin);
    return refuseUnknownTarget(ctx, headers, 'invalid_key_or_endpoint', 'The key or the endpoint name is not valid.');
  }

  // Register, login and logout (POST on an auth endpoint) never take the master key.
  const master = endpoint.auth && ctx.method === 'POST' ? false : checkMasterKey(ctx, services, project);
  if (!master) requireAllowedOrigin(origin, project);
  // Set before the action runs, so an error answer carries them too and the page can read it.
  ctx.set(corsHeaders(origin, project));
  ctx.vary('Origin');
  const req = runtimeRequest(ctx, services, project, endpoint, master);
  if (master) await recordMasterKeyUse(req);
  return req;
}

/**
 * A missing or unknown key, or an unknown endpoint: answered with CORS headers for the caller's
 * origin, so a page reads the reason instead of a bare network error. A preflight is granted
 * (null: the router answers it), so the request itself comes and gets the readable refusal.
 */
function refuseUnknownTarget(ctx: Context, headers: Record<string, string>, reason: 'missing_key' | 'invalid_key_or_endpoint', message: string): null {
  ctx.set(headers);
  ctx.vary('Origin');
  if (ctx.method === 'OPTIONS' && headers['Access-Control-Allow-Origin']) return null;
  throw apiError(reason, message);
}

function runtimeRequest(ctx: Context, services: Services, project: ProjectRow, endpoint: EndpointRow, master: boolean): RuntimeRequest<string> {
  return {
    services,
    project,
    endpoint,
    master,
    // HEAD is GET without a body on file endpoints (downloads); elsewhere it stays unsupported (405).
    method: ctx.method === 'HEAD' && endpoint.files ? 'GET' : ctx.method,
    ...parseOptions(ctx.query),
    query: ctx.query,
    token: tokenOf(ctx),
    readBody: (kind) => readBody(ctx, kind, { limitBytes: services.config.bodyLimitBytes, budget: services.bodyBudget }),
    multipart: isMultipart(ctx),
    readUpload: (rules, store) => readMultipart(ctx, rules, services.bodyBudget, store),
    head: ctx.method === 'HEAD',
    header: (name) => ctx.get(name),
    userAgent: ctx.get('User-Agent'),
    ip: ctx.ip,
    keepsSecureCookies: keepsSecureCookies(ctx.protocol, ctx.hostname),
    hostname: ctx.hostname,
    requestId: ctx.state.requestId as string,
  };
}

/** Bearer token, raw token in Authorization, or the access-token cookie; the header wins. */
function tokenOf(ctx: Context): string | null {
  const header = ctx.get('Authorization').trim();
  if (header) return header.replace(/^Bearer(\s+|$)/i, '') || null;
  const cookieHeader = ctx.get('Cookie');
  return (cookieHeader && parseCookies(cookieHeader)[ACCESS_TOKEN_COOKIE]) || null;
}

/** A master key that is given but wrong is refused outright, rather than silently ignored. */
function checkMasterKey(ctx: Context, services: Services, project: ProjectRow): boolean {
  const candidate = ctx.get(H.masterKey) || single(ctx.query[Q.masterKey]);
  if (!candidate) return false;
  if (verifyMasterKey(services.config.secret, candidate, project.masterKeyHash)) return true;
  throw apiError('unauthorized', 'The master key is not valid for this project.');
}
