import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { H, STATUS_TEXT, type ErrorEnvelope } from '@rested/shared';
import { StorageError } from '../storage/storage-error.js';
import { ApiError } from './api-error.js';

const CLIENT_ID_RE = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Outermost middleware: gives every request an id (the client's X-Request-Id when it looks sane),
 * logs one line per request (path only: the query may carry keys), and turns every error into
 * the JSON envelope. Unknown errors become 500 internal_error and are logged, never leaked.
 */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get(H.requestId);
    const requestId = CLIENT_ID_RE.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set(H.requestId, requestId);
    const started = performance.now();
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null && ctx.path.startsWith('/api/')) {
        throw new ApiError('not_found', `No route for ${ctx.method} ${ctx.path}.`);
      }
    } catch (error) {
      writeError(ctx, error, requestId, logger);
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      logger.info({ req: requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms }, 'request');
    }
  };
}

function writeError(ctx: Parameters<Middleware>[0], error: unknown, requestId: string, logger: Logger): void {
  let apiErr: ApiError;
  if (error instanceof ApiError) {
    apiErr = error;
  } else if (isPayloadTooLarge(error)) {
    apiErr = new ApiError('payload_too_large', 'The request body is too large.');
  } else if (error instanceof StorageError && error.code === 'unavailable') {
    logger.warn({ req: requestId, err: error.message }, 'database unavailable');
    apiErr = new ApiError('service_unavailable', 'The database is unavailable right now. Try again shortly.', { headers: { 'Retry-After': '1' } });
  } else {
    logger.error({ req: requestId, err: error }, 'unexpected error');
    apiErr = new ApiError('internal_error', 'Something went wrong on our side. Quote the request id when reporting it.');
  }
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
  ctx.status = apiErr.status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(envelope);
}

function isPayloadTooLarge(error: unknown): boolean {
  return (error as { type?: string } | null)?.type === 'entity.too.large';
}
