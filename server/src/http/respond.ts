import type { Context } from 'koa';
import { JsonText } from '../wire/envelope.js';
import { StreamedBody, type Result } from './result.js';

/** The one place that writes status, body, headers and cookies of a successful answer. */
export function respond(ctx: Context, result: Result): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
  if (result.cookies?.length) ctx.append('Set-Cookie', result.cookies);
  ctx.status = result.status;
  if (result.status === 204) {
    ctx.body = null;
    return;
  }
  if (result.status === 202 && result.body === undefined) {
    ctx.body = '';
    ctx.remove('Content-Type');
    return;
  }
  if (result.body instanceof StreamedBody) {
    ctx.type = result.body.type;
    ctx.body = result.body.stream;
    return;
  }
  // JSON for every value, also for a bare string or null (Koa would send a string as text/plain).
  ctx.type = 'application/json';
  ctx.body = result.body instanceof JsonText ? result.body.text : JSON.stringify(result.body ?? null);
}
