import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { JsonValue } from '@rested/shared';
import { apiError } from './api-error.js';

export type BodyKind = 'json' | 'json-or-text';

/**
 * Reads the request body with an explicit size limit. JSON is parsed into plain data:
 * `__proto__` keys become ordinary own properties (JSON.parse never touches prototypes).
 * Answers 415 for other media types or a Content-Encoding, 400 for an empty body, malformed JSON or JSON nested deeper than
 * MAX_NESTING levels, 413 past the limit.
 */
export async function readBody(ctx: Context, kind: BodyKind, limitBytes: number): Promise<JsonValue> {
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
  let raw: string;
  try {
    raw = await getRawBody(ctx.req, { limit: limitBytes, encoding: 'utf8', length: length || undefined });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw apiError('payload_too_large', `The request body is larger than the limit of ${limitBytes} bytes.`);
    }
    throw apiError('invalid_body', 'The request body could not be read.');
  }
  if (raw.length === 0) throw apiError('empty_body', 'The request body is empty.');
  if (isText) return raw;
  let value: JsonValue;
  try {
    value = JSON.parse(raw) as JsonValue;
  } catch {
    throw apiError('invalid_json', 'The request body is not valid JSON.');
  }
  if (nestsDeeperThan(value, MAX_NESTING)) {
    throw apiError('invalid_body', `The JSON body nests arrays and objects deeper than ${MAX_NESTING} levels.`);
  }
  return value;
}

/**
 * 415 for a body sent with a Content-Encoding (gzip, deflate, br, …): it is never decompressed,
 * so the size limit always counts the bytes that are parsed (no decompression bomb).
 */
function refuseContentEncoding(ctx: Context): void {
  const encoding = ctx.get('Content-Encoding').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return;
  throw apiError('unsupported_media_type', `Compressed request bodies are not accepted (Content-Encoding: ${encoding.slice(0, 40)}); send the body uncompressed.`);
}

/** Deeper JSON parses, but then overflows the stack wherever it is serialized or merged (a 500). */
export const MAX_NESTING = 256;

/** Do arrays and objects nest deeper than `max` levels (the outermost one is level 1)? Checked without recursion. */
function nestsDeeperThan(value: JsonValue, max: number): boolean {
  const stack: [JsonValue, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
