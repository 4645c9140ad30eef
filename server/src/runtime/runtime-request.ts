import { Q, isFlagOn, type JsonValue } from '@rested/shared';
import type { Services } from '../services.js';
import { apiError } from '../http/api-error.js';
import type { BodyKind } from '../http/body.js';
import type { IncomingFile, Upload, UploadRules } from '../http/multipart.js';
import type { EndpointRow, ProjectRow } from '../storage/rows.js';

/** The methods the runtime API serves (OPTIONS is the gate's preflight). */
export const RUNTIME_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RuntimeMethod = (typeof RUNTIME_METHODS)[number];

/**
 * The flags that choose an operation: the route table matches them (routes.ts), and a request
 * may carry at most one, and only one the table has a row for.
 */
export const OPERATION_FLAGS = [Q.login, Q.logout, Q.passwordreset, Q.verifyemail, Q.sessions, Q.fileOnly] as const;
export type OperationFlag = (typeof OPERATION_FLAGS)[number];

/** The boolean flags of the runtime API (on for `true` or `1`, any case), each parsed once per request. */
export const FLAGS = [Q.dataOnly, Q.noATCookie, Q.allDevices, Q.count, ...OPERATION_FLAGS] as const;
export type Flag = (typeof FLAGS)[number];

export type Query = Record<string, string | string[] | undefined>;

/**
 * Everything a runtime action needs, without Koa: what the gate found, and the options every
 * action shares, parsed once. `Method` is a plain string until dispatch has matched it to a route.
 */
export interface RuntimeRequest<Method extends string = RuntimeMethod> {
  services: Services;
  project: ProjectRow;
  endpoint: EndpointRow;
  /** A valid master key came with the request (never counted on register, login or logout). */
  master: boolean;
  method: Method;
  /** Every flag, on or off. */
  flags: Readonly<Record<Flag, boolean>>;
  /** Every `uniqueId` given, repeated or as a comma list, in order. */
  uniqueIds: readonly string[];
  /** The raw query, for the parameters only one action reads (strategy, scope, jsonata, limit, after, sort). */
  query: Query;
  /** Access token from the Authorization header (Bearer or raw) or, failing that, the cookie. */
  token: string | null;
  readBody(kind: BodyKind): Promise<JsonValue>;
  /** The body is multipart/form-data (file endpoints). */
  multipart: boolean;
  /** Streams a multipart body within the body budget, each file to `store` (http/multipart.ts). */
  readUpload<T extends { discard(): Promise<void> }>(rules: UploadRules, store: (file: IncomingFile) => Promise<T>): Promise<Upload<T>>;
  /** A HEAD request (on a file endpoint dispatched as GET; its answer is sent without a body). */
  head: boolean;
  /** A request header ('' when absent): Range and If-None-Match for file downloads. */
  header(name: string): string;
  userAgent: string;
  ip: string;
  /** HTTPS or a loopback host: a browser keeps the Secure access-token cookie (runtime/cookie-transport.ts). */
  keepsSecureCookies: boolean;
  /** The Host the request was sent to, without the port. */
  hostname: string;
  /** The request id (X-Request-Id), for log lines written after the answer (mail). */
  requestId: string;
}

/** The options every action shares, from the query. */
export function parseOptions(query: Query): Pick<RuntimeRequest, 'flags' | 'uniqueIds'> {
  const flags = Object.fromEntries(FLAGS.map((flag) => [flag, isFlagOn(query[flag])])) as Record<Flag, boolean>;
  const given = query[Q.uniqueId];
  const all = Array.isArray(given) ? given : given === undefined ? [] : [given];
  const uniqueIds = all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return { flags, uniqueIds };
}

export function queryValue(req: { query: Query }, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The one uniqueId an update or delete addresses: 400 missing_unique_id unless exactly one is given. */
export function requireSingleId(req: RuntimeRequest): string {
  if (req.uniqueIds.length !== 1) throw apiError('missing_unique_id', 'Give exactly one uniqueId.');
  return req.uniqueIds[0]!;
}
