import type { Context, Next } from 'koa';
import { H, normalizeOrigin } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { credentialsOf } from './credentials.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const rejected = (message: string) => apiError('csrf_rejected', message);

function isJsonType(ctx: Context): boolean {
  const type = ctx.request.type;
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * scheme://host of this request as the browser addressed it (X-Forwarded-Proto/-Host count only
 * behind a trusted proxy). Not `ctx.origin`: in Koa 3 that is the request's Origin header.
 */
function ownOrigin(ctx: Context): string | null {
  return ctx.host ? normalizeOrigin(`${ctx.protocol}://${ctx.host}`) : null;
}

/**
 * The dashboard's file uploads: multipart/form-data (which an HTML form can send) with a header no
 * form can add, and that another origin's page could only send after a CORS preflight the console
 * never grants.
 */
const UPLOAD_HEADER = H.dashboardUpload;

function isDashboardUpload(ctx: Context): boolean {
  return ctx.request.type === 'multipart/form-data' && ctx.get(UPLOAD_HEADER) === 'upload';
}

function hasBody(ctx: Context): boolean {
  return Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== '';
}

/**
 * Cross-site request forgery guard for requests that change state. A Bearer token cannot be
 * sent cross-site without the browser asking first, so those are exempt. For everything else:
 * an Origin header, when present, must be the console's own origin (scheme://host of this
 * request, as seen through a trusted proxy); and a request carrying the session cookie must
 * send JSON (`Content-Type: application/json`) or no body, which HTML forms cannot do (or be the
 * dashboard's file upload, marked by UPLOAD_HEADER, which forms cannot send either).
 */
export async function csrfGuard(ctx: Context, next: Next): Promise<void> {
  if (!STATE_CHANGING.has(ctx.method)) return next();
  const { via } = credentialsOf(ctx);
  if (via === 'bearer') return next();
  const origin = ctx.get('Origin');
  if (origin && (normalizeOrigin(origin) === null || normalizeOrigin(origin) !== ownOrigin(ctx))) {
    throw rejected(`Requests from ${origin.slice(0, 200)} are refused: only the dashboard's own origin may change data through the console API.`);
  }
  if (via === 'cookie' && (ctx.get('Content-Type') !== '' || hasBody(ctx)) && !isJsonType(ctx) && !isDashboardUpload(ctx)) {
    throw rejected(`Requests authenticated by the session cookie must send Content-Type: application/json (or, for a file upload, ${UPLOAD_HEADER}: upload).`);
  }
  return next();
}
