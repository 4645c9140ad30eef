import { Transform } from 'node:stream';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { JsonValue } from '@rested/shared';
import { ApiError, apiError } from './api-error.js';
import type { BodyBudget, BodyLease } from './body-budget.js';

export type BodyKind = 'json' | 'json-or-text';

export interface BodyLimits {
  /** The largest body (BODY_LIMIT). */
  limitBytes: number;
  /** The server-wide budget of body bytes being read at once (BODY_BUDGET). */
  budget: BodyBudget;
}

/**
 * Reads the request body with an explicit size limit, within the server-wide body budget. JSON
 * is parsed into plain data: `__proto__` keys become ordinary own properties (JSON.parse never
 * touches prototypes). Answers 415 for other media types or a Content-Encoding, 400 for an empty body, malformed JSON
 * or JSON nested deeper than MAX_NESTING levels, 413 past the limit or past MAX_VALUES values,
 * 503 with Retry-After when the budget cannot hold the body (before reading it when it has a
 * Content-Length; as soon as its chunks would pass it when it is streamed).
 */
export async function readBody(ctx: Context, kind: BodyKind, limits: BodyLimits): Promise<JsonValue> {
  refuseContentEncoding(ctx);
  const type = ctx.request.type; // media type without parameters, lower-cased
  const isJson = type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
  const isText = kind === 'json-or-text' && type === 'text/plain';
  const length = Number(ctx.get('Content-Length') || 0);
  const hasBody = length > 0 || ctx.get('Transfer-Encoding') !== '';
  if (!hasBody && !type) throw apiError('empty_body', 'The request body is empty.');
  if (!isJson && !isText) {
    const accepted = kind === 'json' ? 'application/json' : 'application/json or text/plain';
    throw apiError('unsupported_media_type', `Content-Type must be ${accepted}${type ? ` (got ${type})` : ''}.`);
  }
  if (length > limits.limitBytes) throw tooLarge(limits.limitBytes);
  const lease = limits.budget.lease();
  try {
    const raw = await readText(ctx, length, limits.limitBytes, lease);
    if (raw.length === 0) throw apiError('empty_body', 'The request body is empty.');
    return isText ? raw : parseJson(raw);
  } finally {
    lease.release();
  }
}

const tooLarge = (limitBytes: number) => apiError('payload_too_large', `The request body is larger than the limit of ${limitBytes} bytes.`);

export const busy = () =>
  apiError('service_unavailable', 'The server is reading too many request bodies at once. Retry in a moment.', { headers: { 'Retry-After': '1' } });

/** The body as text: its Content-Length reserved whole before reading, or a streamed body's chunks one by one as they come. */
async function readText(ctx: Context, length: number, limitBytes: number, lease: BodyLease): Promise<string> {
  if (length > 0 && !lease.reserve(length)) throw busy();
  const source = length > 0 ? ctx.req : reserveEachChunk(ctx, lease);
  try {
    return await getRawBody(source, { limit: limitBytes, encoding: 'utf8', length: length || undefined });
  } catch (error) {
    if (error instanceof ApiError) throw error; // the budget refused a chunk
    if ((error as { type?: string }).type === 'entity.too.large') throw tooLarge(limitBytes);
    throw apiError('invalid_body', 'The request body could not be read.');
  }
}

/**
 * The request's chunks, passed on while the lease can reserve them; the read fails with 503 at
 * the first it cannot. Not `pipeline`: on that error it would destroy the request, and its socket
 * with it, so the 503 could not be answered; an aborted request is passed on by hand instead.
 */
function reserveEachChunk(ctx: Context, lease: BodyLease): Transform {
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (lease.reserve(chunk.length)) done(null, chunk);
      else done(busy());
    },
  });
  ctx.req.once('error', (error) => meter.destroy(error));
  ctx.req.once('close', () => {
    if (!ctx.req.complete) meter.destroy(new Error('request aborted'));
  });
  return ctx.req.pipe(meter);
}

function parseJson(raw: string): JsonValue {
  // Shape first, on the text: a body of 900 KiB of `{},` costs ≈ 2 ms to scan and ≈ 40 ms and 30 MB to parse.
  const problem = textShapeProblem(raw);
  if (problem === 'too_deep') {
    throw apiError('invalid_body', `The JSON body nests arrays and objects deeper than ${MAX_NESTING} levels.`);
  }
  if (problem === 'too_many_values') {
    throw apiError('payload_too_large', `The JSON body holds more than ${MAX_VALUES.toLocaleString('en-US')} values (arrays, objects and scalars each count one).`);
  }
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    throw apiError('invalid_json', 'The request body is not valid JSON.');
  }
}

/**
 * 415 for a body sent with a Content-Encoding (gzip, deflate, br, …): it is never decompressed,
 * so the size limit always counts the bytes that are parsed (no decompression bomb).
 */
export function refuseContentEncoding(ctx: Context): void {
  const encoding = ctx.get('Content-Encoding').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return;
  throw apiError('unsupported_media_type', `Compressed request bodies are not accepted (Content-Encoding: ${encoding.slice(0, 40)}); send the body uncompressed.`);
}

/**
 * A value built from bodies, as a record is after a merge: held to what one body may carry, so
 * that repeated merges cannot grow a stored record past BODY_LIMIT bytes or MAX_VALUES values
 * (a merge nests no deeper than what it merges). 413 payload_too_large otherwise.
 */
export function requireStorable(value: JsonValue, limitBytes: number): void {
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text) > limitBytes) {
    throw apiError('payload_too_large', `The record would grow past ${limitBytes} bytes, the largest body this server accepts: send a smaller change, or replace the record.`);
  }
  if (textShapeProblem(text) === 'too_many_values') {
    throw apiError('payload_too_large', `The record would hold more than ${MAX_VALUES.toLocaleString('en-US')} values (arrays, objects and scalars each count one): send a smaller change, or replace the record.`);
  }
}

/** Deeper JSON parses, but then overflows the stack wherever it is serialized or merged (a 500). */
export const MAX_NESTING = 256;

/**
 * JSON values (arrays, objects and scalars, each one) per body. Parsed JSON takes up to about 21
 * times its text in memory (`[{},{},…]`), and a record is parsed again on every read: this bounds
 * one stored record to a few MB of heap whatever its shape (docs/security.md).
 */
export const MAX_VALUES = 100_000;

/**
 * Do arrays and objects in this JSON text nest deeper than MAX_NESTING levels (the outermost one
 * is level 1), or does it hold more than MAX_VALUES values? Read from the text, without parsing
 * it: the values are 1 + commas + non-empty containers (outside strings), which is exact for valid
 * JSON (each container of k > 0 children holds k - 1 commas). For text that is not JSON it answers
 * something; JSON.parse then refuses the text anyway.
 */
export function textShapeProblem(text: string, limits = { values: MAX_VALUES, nesting: MAX_NESTING }): 'too_deep' | 'too_many_values' | null {
  let depth = 0;
  let values = 1;
  let inString = false;
  let justOpened = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    const closes = c === 0x5d || c === 0x7d;
    if (justOpened && !closes) values++; // the container just opened is not empty
    justOpened = false;
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limits.nesting) return 'too_deep';
      justOpened = true;
    } else if (closes) depth--;
    else if (c === 0x2c) values++;
    if (values > limits.values) return 'too_many_values';
  }
  return null;
}
