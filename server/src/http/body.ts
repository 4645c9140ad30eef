import { Transform, type Readable } from 'node:stream';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { JsonValue } from '@rested/shared';
import { ApiError, apiError } from './api-error.js';
import type { BodyBudget, BodyLease } from './body-budget.js';
import { jsonShapeProblem, MAX_NESTING, MAX_VALUES, shapeScanner, type ShapeProblem } from './json-shape.js';

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
    const raw = await readText(ctx, length, limits.limitBytes, lease, isJson);
    if (raw.length === 0) throw apiError('empty_body', 'The request body is empty.');
    return isText ? raw : parseJson(raw);
  } finally {
    lease.release();
  }
}

const tooLarge = (limitBytes: number) => apiError('payload_too_large', `The request body is larger than the limit of ${limitBytes} bytes.`);

export const busy = () =>
  apiError('service_unavailable', 'The server is reading too many request bodies at once. Retry in a moment.', { headers: { 'Retry-After': '1' } });

/**
 * The body as text: its Content-Length reserved whole before reading, or a streamed body's chunks
 * one by one as they come; a JSON body's shape read chunk by chunk as it arrives, so a body of too
 * many values is refused as soon as its bytes show it, before it is decoded or read to the end.
 */
async function readText(ctx: Context, length: number, limitBytes: number, lease: BodyLease, isJson: boolean): Promise<string> {
  if (length > 0 && !lease.reserve(length)) throw busy();
  const source = metered(ctx, length > 0 ? null : lease, isJson ? shapeScanner() : null);
  try {
    return await getRawBody(source, { limit: limitBytes, encoding: 'utf8', length: length || undefined });
  } catch (error) {
    if (error instanceof ApiError) throw error; // the budget or the shape refused a chunk
    if ((error as { type?: string }).type === 'entity.too.large') throw tooLarge(limitBytes);
    throw apiError('invalid_body', 'The request body could not be read.');
  }
}

function shapeError(problem: ShapeProblem): ApiError {
  return problem === 'too_deep'
    ? apiError('invalid_body', `The JSON body nests arrays and objects deeper than ${MAX_NESTING} levels.`)
    : apiError('payload_too_large', `The JSON body holds more than ${MAX_VALUES.toLocaleString('en-US')} values (arrays, objects and scalars each count one).`);
}

/**
 * The request's chunks, passed on while the lease (when given: a streamed body) can reserve them
 * and the scanner (when given: JSON) finds no problem; the read fails with 503 or the shape's error
 * at the first chunk that does not pass. Not `pipeline`: on that error it would destroy the
 * request, and its socket with it, so the error could not be answered; an aborted request is
 * passed on by hand instead.
 */
function metered(ctx: Context, lease: BodyLease | null, scanner: ReturnType<typeof shapeScanner> | null): Readable {
  if (!lease && !scanner) return ctx.req;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (lease && !lease.reserve(chunk.length)) return done(busy());
      const problem = scanner?.push(chunk);
      if (problem) return done(shapeError(problem));
      done(null, chunk);
    },
  });
  ctx.req.once('error', (error) => meter.destroy(error));
  ctx.req.once('close', () => {
    if (!ctx.req.complete) meter.destroy(new Error('request aborted'));
  });
  return ctx.req.pipe(meter);
}

/** JSON.parse of a body whose shape was read as it arrived (see readText). */
function parseJson(raw: string): JsonValue {
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
  const bytes = Buffer.from(JSON.stringify(value));
  if (bytes.length > limitBytes) {
    throw apiError('payload_too_large', `The record would grow past ${limitBytes} bytes, the largest body this server accepts: send a smaller change, or replace the record.`);
  }
  if (jsonShapeProblem(bytes) === 'too_many_values') {
    throw apiError('payload_too_large', `The record would hold more than ${MAX_VALUES.toLocaleString('en-US')} values (arrays, objects and scalars each count one): send a smaller change, or replace the record.`);
  }
}
