import { originMatches } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { noContent, type Result } from '../http/result.js';
import type { ProjectRow } from '../storage/rows.js';

export const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
export const ALLOWED_HEADERS = 'Content-Type, Authorization, X-Master-Key, X-Request-Id, Range, If-None-Match';
/**
 * Retry-After is not CORS-safelisted: without it here a page could not read when to retry a 429 or 503;
 * nor are X-Next-Cursor and Link, which tell a page where the next page starts, nor the headers
 * of a file download (ETag, Content-Range, Content-Disposition).
 */
export const EXPOSED_HEADERS = 'Authorization, X-Request-Id, X-Total-Count, Retry-After, X-Next-Cursor, Link, ETag, Content-Range, Content-Disposition';
const PREFLIGHT_MAX_AGE = '600';

/** An origin the project allows: any when its list is empty, else one the list matches (entries may have `*.` subdomains). */
const isAllowed = (origin: string, project: ProjectRow): boolean =>
  project.allowedOrigins.length === 0 || originMatches(origin, project.allowedOrigins);

/** The project's origin policy: 403 for an Origin it does not allow, or for none when it requires one. */
export function requireAllowedOrigin(origin: string, project: ProjectRow): void {
  if (origin && !isAllowed(origin, project)) {
    throw apiError('origin_not_allowed', `Origin ${origin.slice(0, 200)} is not allowed for this project.`);
  }
  if (!origin && project.disallowNoOrigin) {
    throw apiError('origin_required', 'This project refuses requests without an Origin header.');
  }
}

/**
 * The credentialed CORS headers, for an Origin the project allows only. A master key skips the
 * origin policy's refusal, not this: a disallowed page never gets to read an answer.
 */
export function corsHeaders(origin: string, project: ProjectRow): Record<string, string> {
  return isAllowed(origin, project) ? openCorsHeaders(origin) : {};
}

/** The same headers for any Origin: only for answers that reveal nothing of a project (an unknown key). */
export function openCorsHeaders(origin: string): Record<string, string> {
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
  };
}

/** The answer to a preflight OPTIONS that passed the gate. */
export function preflight(): Result {
  return noContent({
    headers: {
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
    },
  });
}
