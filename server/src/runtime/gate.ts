import type { Context, Next } from 'koa';
import { H, Q, originMatches } from '@rested/shared';
import type { Services } from '../services.js';
import { verifyMasterKey } from '../auth/keys.js';
import { apiError } from '../http/api-error.js';
import type { EndpointRow, ProjectRow } from '../storage/rows.js';

export interface GateState {
  project: ProjectRow;
  endpoint: EndpointRow;
  /** A valid master key came with the request (query `masterKey` or header X-Master-Key). */
  master: boolean;
}

export const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
export const ALLOWED_HEADERS = 'Content-Type, Authorization, X-Master-Key, X-Request-Id';
/** Retry-After is not CORS-safelisted: without it here a page could not read when to retry a 429 or 503. */
export const EXPOSED_HEADERS = 'Authorization, X-Request-Id, X-Total-Count, Retry-After';
const PREFLIGHT_MAX_AGE = '600';

const single = (value: unknown): string | undefined => (Array.isArray(value) ? value[0] : (value as string | undefined));

/**
 * The gate, in the order of the runtime contract: key → project and endpoint → origin policy
 * (skipped with a valid master key) → CORS headers. Preflight OPTIONS ends here with 204.
 */
export function gate(services: Services) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const key = single(ctx.query[Q.key]);
    if (!key) throw apiError('missing_key', 'The key query parameter is required.');
    const project = await services.storage.findProjectByApiKey(key);
    const endpoint = project ? await services.storage.findEndpointByName(project.id, ctx.params.endpoint ?? '') : null;
    if (!project || !endpoint) throw apiError('invalid_key_or_endpoint', 'The key or the endpoint name is not valid.');

    // Register, login and logout (POST on an auth endpoint) never take the master key.
    const master = endpoint.auth && ctx.method === 'POST' ? false : checkMasterKey(ctx, services, project);
    const origin = ctx.get('Origin');
    if (!master) checkOrigin(origin, project);
    if (origin) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Allow-Credentials', 'true');
      ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    ctx.vary('Origin');

    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
      ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      ctx.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      ctx.status = 204;
      return;
    }
    ctx.state.gate = { project, endpoint, master } satisfies GateState;
    await next();
  };
}

function checkOrigin(origin: string, project: ProjectRow): void {
  if (origin && project.allowedOrigins.length > 0 && !originMatches(origin, project.allowedOrigins)) {
    throw apiError('origin_not_allowed', `Origin ${origin.slice(0, 200)} is not allowed for this project.`);
  }
  if (!origin && project.disallowNoOrigin) {
    throw apiError('origin_required', 'This project refuses requests without an Origin header.');
  }
}

/** A master key that is given but wrong is refused outright, rather than silently ignored. */
function checkMasterKey(ctx: Context, services: Services, project: ProjectRow): boolean {
  const candidate = ctx.get(H.masterKey) || single(ctx.query[Q.masterKey]);
  if (!candidate) return false;
  if (verifyMasterKey(services.config.secret, candidate, project.masterKeyHash)) return true;
  throw apiError('unauthorized', 'The master key is not valid for this project.');
}
