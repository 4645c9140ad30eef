import { runtimeUrl, type Project } from '@rested/shared';
import type { SnippetContext } from './snippet-types';

export const ID_PLACEHOLDER = 'UNIQUE_ID';

/** The endpoint URL with extra query parameters. */
export function url(ctx: SnippetContext, extra: Record<string, string> = {}): string {
  return runtimeUrl(ctx.baseUrl, ctx.endpointName, ctx.apiKey, extra);
}

/** A URL selecting one record, as a JS template literal using a `uniqueId` variable. */
export function jsUrlWithId(ctx: SnippetContext): string {
  return `\`${url(ctx, { uniqueId: ID_PLACEHOLDER }).replace(ID_PLACEHOLDER, '${uniqueId}')}\``;
}

/** Join curl arguments with line continuations. */
export function curl(method: string, target: string, ...args: (string | false | null | undefined)[]): string {
  const parts = [`curl -X ${method} '${target}'`, ...args.filter((a): a is string => Boolean(a))];
  return parts.join(' \\\n  ');
}

export function curlOriginArg(ctx: SnippetContext): string | null {
  return ctx.curlOrigin ? `-H 'Origin: ${ctx.curlOrigin}'` : null;
}

export const CURL_JSON = `-H 'Content-Type: application/json'`;

export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** A JS object literal (single-quoted strings) for fetch/axios bodies. */
export function jsObject(value: Record<string, string | number | boolean>): string {
  const entries = Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  return `{ ${entries.join(', ')} }`;
}

/**
 * Which Origin curl should send: only needed when the project rejects requests without one.
 * Prefer an allowed origin (a wildcard entry becomes an example subdomain); else the dashboard's own.
 */
export function originForCurl(project: Project, baseUrl: string): string | null {
  if (!project.disallowNoOrigin) return null;
  const first = project.allowedOrigins[0];
  if (!first) return baseUrl;
  return first.replace('://*.', '://app.');
}
