import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { H, STATUS_TEXT, type ErrorEnvelope } from '@rested/shared';
import { ApiError } from './api-error.js';
import { toApiError } from './error-answers.js';

const CLIENT_ID_RE = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Outermost middleware: gives every request an id (the client's X-Request-Id when it looks sane)
 * and the headers every answer has (setBaseHeaders), logs one line per request (path only: the query may carry keys), and turns every error into
 * the JSON envelope. `onAnswered` sees every answered request (the traffic counts, traffic/observe-request.ts). Unknown errors become 500 internal_error and are logged, never leaked.
 */
export function requestContext(logger: Logger, onAnswered: (ctx: Context, ms: number) => void = () => undefined): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get(H.requestId);
    const requestId = CLIENT_ID_RE.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set(H.requestId, requestId);
    setBaseHeaders(ctx);
    const started = performance.now();
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null && ctx.path.startsWith('/api/')) {
        throw new ApiError('not_found', `No route for ${ctx.method} ${ctx.path}.`);
      }
    } catch (error) {
      writeError(ctx, error, requestId, logger);
    } finally {
      const elapsed = performance.now() - started;
      onAnswered(ctx, elapsed);
      logger.info({ req: requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(elapsed * 10) / 10 }, 'request');
    }
  };
}

/**
 * Headers of every answer, set first so that error answers keep them and a handler may still
 * override them: nosniff everywhere, and no-store on the API (runtime and console answers
 * carry records, users, tokens and keys; no cache, shared or private, may keep them).
 */
function setBaseHeaders(ctx: Parameters<Middleware>[0]): void {
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store');
}

/**
 * Was the request refused before its body was read to the end (413 or 503 before reading, a body
 * of too many values, 401 before the body)? Its connection then closes after the answer: the rest
 * of the body is neither read nor parsed as the next request, and a client cannot make the server
 * read a refused gigabyte by announcing it.
 */
const hasUnreadBody = (ctx: Parameters<Middleware>[0]): boolean =>
  !ctx.req.complete && (Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== '');

function writeError(ctx: Parameters<Middleware>[0], error: unknown, requestId: string, logger: Logger): void {
  const apiErr = toApiError(error, logger, requestId);
  const envelope: ErrorEnvelope = {
    error: {
      code: apiErr.status,
      status: STATUS_TEXT[apiErr.status] ?? 'Error',
      reason: apiErr.reason,
      message: apiErr.message,
      request: requestId,
      ...(apiErr.extra.fields ? { fields: apiErr.extra.fields } : {}),
    },
  };
  for (const [name, value] of Object.entries(apiErr.extra.headers ?? {})) ctx.set(name, value);
  if (hasUnreadBody(ctx)) ctx.set('Connection', 'close');
  ctx.status = apiErr.status;
  ctx.state.errorReason = apiErr.reason;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(envelope);
}
