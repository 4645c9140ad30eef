import type { FileDescriptor } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import type { Result } from '../http/result.js';
import type { BlobKey, BlobStore, ByteRange } from '../storage/blob-store.js';
import type { RecordRow } from '../storage/rows.js';

/*
 * The answer to a file download, runtime (`fileOnly=true`) and console alike: headers, Range
 * (206 / 416), If-None-Match (304) and HEAD (docs/file-endpoints.md). Koa-free.
 */

export interface FileRequest {
  blobs: BlobStore;
  key: BlobKey;
  record: RecordRow;
  file: FileDescriptor;
  /** A request header, '' when absent. */
  header(name: string): string;
  head: boolean;
}

/** Shown in place, on the API's origin: types no browser runs as a page or script. SVG, HTML, XML and JavaScript are not among them. */
function isInlineType(type: string): boolean {
  if (type === 'image/svg+xml') return false;
  return /^(image|audio|video)\/[a-z0-9.+-]+$/.test(type) || type === 'application/pdf' || type === 'text/plain';
}

/** RFC 5987 / 8187: the name percent-encoded as UTF-8, including the characters encodeURIComponent leaves. */
const extValue = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function fileHeaders(record: RecordRow, file: FileDescriptor): Record<string, string> {
  const inline = isInlineType(file.type);
  return {
    'Content-Type': file.type,
    ETag: `"${file.sha256}"`,
    'Last-Modified': record.updatedAt.toUTCString(),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${extValue(file.name)}`,
    ...(inline ? {} : { 'Content-Security-Policy': 'sandbox' }),
  };
}

/** Does If-None-Match name this ETag (weak comparison, or `*`)? */
function matchesETag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * One byte range of a file of `size` bytes: `bytes=a-b`, `bytes=a-` or `bytes=-n`. Null means
 * "answer the whole file": no Range, another unit, several ranges, or one that is malformed
 * (RFC 9110 lets a server ignore those); 'unsatisfiable' when it starts past the end.
 */
function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

/** 200 with the whole file, 206 with one range, 304 when the client holds this version, 416 for a range past the end. */
export async function fileAnswer(req: FileRequest): Promise<Result> {
  const { file } = req;
  const headers = fileHeaders(req.record, file);
  if (matchesETag(req.header('If-None-Match'), headers.ETag!)) return { status: 304, headers, bytes: { stream: null } };
  const range = parseRange(req.header('Range'), file.size);
  if (range === 'unsatisfiable') {
    throw apiError('range_not_satisfiable', `The range starts past the end of the file (${file.size} bytes).`, { headers: { 'Content-Range': `bytes */${file.size}` } });
  }
  const status = range ? 206 : 200;
  const length = range ? range.end - range.start + 1 : file.size;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${file.size}`;
  headers['Content-Length'] = String(length);
  if (req.head) return { status, headers, bytes: { stream: null } };
  const stream = length === 0 ? null : await req.blobs.open(req.key, range ?? undefined);
  if (length > 0 && !stream) throw apiError('record_not_found', 'The bytes of this file are missing.');
  return { status, headers, bytes: { stream } };
}
