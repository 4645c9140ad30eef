import type { Readable } from 'node:stream';

/**
 * What an action returns. Actions are Koa-free; http/respond.ts writes results to the response.
 */
export interface Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Serialized Set-Cookie values, made by http/cookies.ts. */
  cookies?: string[];
  /**
   * Bytes instead of a JSON body, piped as they are read: a file, an export (null: none, for HEAD
   * and 304); `headers` carry their Content-Type (and Content-Length when known).
   */
  bytes?: { stream: Readable | null };
}

export const ok = (body: unknown, extra: Omit<Result, 'status' | 'body'> = {}): Result => ({ status: 200, body, ...extra });
export const created = (body: unknown, extra: Omit<Result, 'status' | 'body'> = {}): Result => ({ status: 201, body, ...extra });
export const noContent = (extra: Omit<Result, 'status' | 'body'> = {}): Result => ({ status: 204, ...extra });
/** 202 with an empty body: taken, to be done off the request path. */
export const accepted = (extra: Omit<Result, 'status' | 'body'> = {}): Result => ({ status: 202, ...extra });
