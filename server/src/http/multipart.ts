import { Transform, type Readable } from 'node:stream';
import busboy from 'busboy';
import type { Context } from 'koa';
import { FILE_FIELD, typeAllowed } from '@rested/shared';
import { ApiError, apiError } from './api-error.js';
import { busy, refuseContentEncoding } from './body.js';
import type { BodyBudget, BodyLease } from './body-budget.js';

/** What one multipart request may carry (docs/file-endpoints.md). */
export interface UploadRules {
  maxFiles: number;
  maxFileBytes: number;
  allowedTypes: readonly string[];
  /** Bytes all files together may add before the project's byte quota is passed. */
  roomBytes: number;
  /** The text fields together (BODY_LIMIT). */
  maxFieldBytes: number;
}

export interface IncomingFile {
  /** The client's file name, sanitised (sanitizeFileName). */
  name: string;
  /** The part's Content-Type, lower-cased; application/octet-stream when it has none. */
  type: string;
  /** The part's bytes, cut off with an error as soon as a rule is broken. */
  stream: Readable;
}

export interface Upload<T> {
  /** Every text field, its values in order, from before and after the files. */
  fields: Map<string, string[]>;
  /** What `store` answered for each file part, in upload order. */
  files: T[];
}

/**
 * The memory one upload may hold at once (socket, parser and file-write buffers), reserved from
 * the server-wide body budget for the whole request: the files stream to storage and are never
 * held whole. Text fields reserve their own bytes on top, as they arrive.
 */
const UPLOAD_WINDOW_BYTES = 256 * 1024;

/** How long a refused upload's remaining bytes are read and dropped, so the client sees the answer and not a reset connection. */
const DISCARD_MS = 2000;

export const isMultipart = (ctx: Context): boolean => ctx.request.type === 'multipart/form-data';

/**
 * Parses a multipart/form-data request as a stream (busboy): each `file` part is handed to
 * `store` as it arrives, text fields are collected. At the first broken rule every file stream
 * still running fails with it, the files `store` finished are discarded, and the rest of the
 * request is read and dropped for a moment (DISCARD_MS) while the refusal is answered. Nothing
 * of a refused request stays stored.
 */
export async function readMultipart<T extends { discard(): Promise<void> }>(
  ctx: Context,
  rules: UploadRules,
  budget: BodyBudget,
  store: (file: IncomingFile) => Promise<T>,
): Promise<Upload<T>> {
  refuseContentEncoding(ctx);
  const lease = budget.lease();
  try {
    if (!lease.reserve(UPLOAD_WINDOW_BYTES)) throw busy();
    return await parse(ctx, rules, lease, store);
  } finally {
    lease.release();
  }
}

function parse<T extends { discard(): Promise<void> }>(ctx: Context, rules: UploadRules, lease: BodyLease, store: (file: IncomingFile) => Promise<T>): Promise<Upload<T>> {
  const parser = openParser(ctx, rules);
  const fields = new Map<string, string[]>();
  const stored: Array<Promise<T>> = [];
  const running = new Set<Transform>();
  let fieldBytes = 0;
  let fileBytes = 0;
  let failure: Error | null = null;

  return new Promise<Upload<T>>((resolve, reject) => {
    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      stopReading(ctx, parser);
      for (const meter of running) meter.destroy(error);
      void settle(stored).then((done) => Promise.all(done.map((t) => t.discard().catch(() => undefined)))).then(() => reject(error));
    };
    parser.on('file', (field: string, stream: Readable, info: busboy.FileInfo) => {
      if (failure) return void stream.resume();
      const problem = fileProblem(field, info.mimeType, stored.length, rules);
      if (problem) return void (stream.resume(), fail(problem));
      const meter = limitMeter(rules, () => fileBytes, (n) => (fileBytes += n));
      running.add(meter);
      meter.once('close', () => running.delete(meter));
      // Its error reaches `store` (which may not be reading yet) and fail(); never the process.
      meter.on('error', () => undefined);
      stream.once('error', (error) => meter.destroy(error));
      const file = { name: sanitizeFileName(info.filename), type: mediaType(info.mimeType), stream: stream.pipe(meter) };
      const saving = store(file);
      stored.push(saving);
      saving.catch((error: Error) => fail(error));
    });
    parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
      fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (info.valueTruncated || info.nameTruncated || fieldBytes > rules.maxFieldBytes) return fail(fieldsTooLarge(rules.maxFieldBytes));
      if (!lease.reserve(Buffer.byteLength(value))) return fail(busy());
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    parser.on('error', () => fail(apiError('invalid_multipart', 'The multipart/form-data body is malformed.')));
    parser.on('close', () => {
      if (failure) return;
      void settle(stored).then((files) => (failure ? undefined : files.length === stored.length ? resolve({ fields, files }) : undefined));
    });
    ctx.req.once('close', () => {
      if (!ctx.req.complete) fail(new Error('the client closed the upload before it ended'));
    });
    ctx.req.pipe(parser);
  });
}

function openParser(ctx: Context, rules: UploadRules): busboy.Busboy {
  try {
    // fieldSize one past the limit, so that a field of exactly the limit is not "truncated".
    // defParamCharset: browsers send file names as raw UTF-8.
    return busboy({ headers: ctx.req.headers, defParamCharset: 'utf8', limits: { fieldSize: rules.maxFieldBytes + 1, fields: 1000, parts: 1000 + rules.maxFiles + 1 } });
  } catch {
    throw apiError('invalid_multipart', 'The multipart/form-data body has no valid boundary.');
  }
}

/** The files `store` finished (the failed ones cleaned up after themselves). */
async function settle<T>(stored: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(stored);
  return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

/** Stops parsing; the rest of the request is read and dropped until the answer went out and DISCARD_MS passed, then the connection is closed. */
function stopReading(ctx: Context, parser: busboy.Busboy): void {
  ctx.req.unpipe(parser);
  parser.removeAllListeners('file');
  parser.on('error', () => undefined);
  ctx.req.resume();
  ctx.res.once('finish', () => {
    if (ctx.req.complete) return;
    const timer = setTimeout(() => ctx.req.socket?.destroy(), DISCARD_MS);
    timer.unref();
    ctx.req.once('end', () => clearTimeout(timer));
  });
}

function fileProblem(field: string, mimeType: string, filesSoFar: number, rules: UploadRules): ApiError | null {
  if (field !== FILE_FIELD) return apiError('unexpected_file_field', `Files must be sent in the form field "${FILE_FIELD}" (got a file in "${field.slice(0, 100)}").`);
  if (filesSoFar >= rules.maxFiles) return apiError('too_many_files', `At most ${rules.maxFiles} files per request.`);
  if (!typeAllowed(mediaType(mimeType), rules.allowedTypes)) {
    return apiError('file_type_not_allowed', `Files of type ${mediaType(mimeType).slice(0, 100)} are not accepted here (allowed: ${rules.allowedTypes.join(', ')}).`);
  }
  return null;
}

/** Counts a file's bytes as they pass: past maxFileBytes, or past the project's room, the stream fails at once. */
function limitMeter(rules: UploadRules, total: () => number, add: (n: number) => void): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      add(chunk.length);
      if (size > rules.maxFileBytes) return done(apiError('file_too_large', `A file is larger than the limit of ${rules.maxFileBytes} bytes.`));
      if (total() > rules.roomBytes) return done(apiError('quota_exceeded', "These files would take the project's data past its byte quota; delete some first."));
      done(null, chunk);
    },
  });
}

const fieldsTooLarge = (limit: number) => apiError('payload_too_large', `The text fields of the form come to more than ${limit} bytes.`);

/** The part's media type, lower-cased, without parameters; application/octet-stream when absent or not a type. */
function mediaType(mimeType: string | undefined): string {
  const media = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(media) ? media : 'application/octet-stream';
}

/** No directories, no control characters, at most 255 bytes of UTF-8 (whole characters); "file" when nothing is left. */
function sanitizeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  while (Buffer.byteLength(name) > 255) name = [...name].slice(0, -1).join('');
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}
