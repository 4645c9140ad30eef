import type { Context } from 'koa';
import { JsonText } from '../wire/envelope.js';
import { PACED_SLICE_BYTES, pacedBody } from './paced-body.js';
import type { Result } from './result.js';

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
  if (result.bytes) {
    // A stream body is destroyed by Koa when the response ends or the client goes (no read goes on).
    if (result.bytes.stream) ctx.body = result.bytes.stream;
    // An empty file: without a body Koa would send its status text. HEAD and 304 keep their headers and send none.
    else if (ctx.method !== 'HEAD' && result.status !== 304) ctx.body = Buffer.alloc(0);
    return;
  }
  // JSON for every value, also for a bare string or null (Koa would send a string as text/plain).
  ctx.type = 'application/json';
  const body = result.body instanceof JsonText ? result.body.text : JSON.stringify(result.body ?? null);
  if (typeof body === 'string') ctx.body = body;
  else if (body.length <= PACED_SLICE_BYTES) ctx.body = Buffer.concat(body.parts, body.length);
  else {
    ctx.body = pacedBody(body.parts);
    ctx.length = body.length;
  }
}
