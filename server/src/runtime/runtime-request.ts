import type { JsonValue } from '@rested/shared';
import type { Services } from '../services.js';
import type { BodyKind } from '../http/body.js';
import type { EndpointRow, ProjectRow } from '../storage/rows.js';

/** Everything a runtime action needs, without Koa. */
export interface RuntimeRequest {
  services: Services;
  project: ProjectRow;
  endpoint: EndpointRow;
  master: boolean;
  query: Record<string, string | string[] | undefined>;
  /** Access token from the Authorization header (Bearer or raw) or, failing that, the cookie. */
  token: string | null;
  readBody(kind: BodyKind): Promise<JsonValue>;
  userAgent: string;
  ip: string;
}

export function queryValue(req: RuntimeRequest, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a repeated or comma-separated parameter. */
export function queryList(req: RuntimeRequest, name: string): string[] {
  const value = req.query[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
