import type { JsonValue } from '@rested/shared';
import type { Services } from '../services.js';
import { apiError } from '../http/api-error.js';
import type { IncomingFile, Upload, UploadRules } from '../http/multipart.js';
import type { OwnerRow, OwnerSessionRow } from '../storage/rows.js';

/** The logged-in owner and the session their token belongs to. */
export interface OwnerAuth {
  owner: OwnerRow;
  session: OwnerSessionRow;
}

/** Everything a console action needs, without Koa. */
export interface ConsoleRequest {
  services: Services;
  /** The owner of a valid session token (Bearer header or cookie), or null. */
  auth: OwnerAuth | null;
  params: Record<string, string | undefined>;
  query: Record<string, string | string[] | undefined>;
  /** The JSON body (415 for other media types, 400 when empty or malformed, 413 past the limit). */
  readBody(): Promise<JsonValue>;
  /** File endpoints in the data browser: the body is multipart/form-data, streamed as on the runtime API. */
  multipart: boolean;
  readUpload<T extends { discard(): Promise<void> }>(rules: UploadRules, store: (file: IncomingFile) => Promise<T>): Promise<Upload<T>>;
  /** A request header ('' when absent), and whether this is a HEAD: for file downloads. */
  header(name: string): string;
  head: boolean;
  ip: string;
  userAgent: string;
  /** The request id (X-Request-Id), for log lines written after the answer (mail). */
  requestId: string;
}

/** A request whose owner is known: what every action behind requireOwner receives. */
export interface OwnedRequest extends ConsoleRequest {
  auth: OwnerAuth;
}

export const notLoggedIn = () => apiError('unauthorized', 'Log in to the console first.');

export function asOwned(req: ConsoleRequest): OwnedRequest {
  if (!req.auth) throw notLoggedIn();
  return req as OwnedRequest;
}

export function queryValue(req: ConsoleRequest, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}

export function param(req: ConsoleRequest, name: string): string {
  return req.params[name] ?? '';
}
