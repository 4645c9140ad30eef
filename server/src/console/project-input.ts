import { ORIGIN_RULES, TOKEN_TTL, normalizeOrigin, splitOrigins, validateProjectName, type JsonValue } from '@rested/shared';
import { Problems, optionalBoolean, type JsonObject } from './input.js';

/** The fields of a project an owner may set, checked and normalised. */
export interface ProjectFields {
  name?: string;
  allowedOrigins?: string[];
  disallowNoOrigin?: boolean;
  tokenTtlSeconds?: number;
}

const MAX_ORIGINS = 100;

/**
 * Checks a create (`name` required) or PATCH body. Every bad field is reported at once in
 * `error.fields`; unknown fields (e.g. `id`, `apiKey` echoed back from a GET) are ignored.
 */
export function projectFields(body: JsonObject, mode: 'create' | 'update'): ProjectFields {
  const problems = new Problems();
  const fields: ProjectFields = {};
  if (body.name !== undefined || mode === 'create') {
    const name = typeof body.name === 'string' ? body.name.trim() : body.name;
    const problem = name === undefined ? 'name is required.' : validateProjectName(name);
    if (problem) problems.add('name', 'invalid_project_name', problem);
    else fields.name = name as string;
  }
  if (body.allowedOrigins !== undefined) {
    const origins = allowedOrigins(body.allowedOrigins, problems);
    if (origins) fields.allowedOrigins = origins;
  }
  const disallowNoOrigin = optionalBoolean(body, 'disallowNoOrigin', problems);
  if (disallowNoOrigin !== undefined) fields.disallowNoOrigin = disallowNoOrigin;
  if (body.tokenTtlSeconds !== undefined) {
    const ttl = body.tokenTtlSeconds;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < TOKEN_TTL.min || ttl > TOKEN_TTL.max) {
      const message = `tokenTtlSeconds must be a whole number of seconds from ${TOKEN_TTL.min} (5 minutes) to ${TOKEN_TTL.max} (30 days).`;
      problems.add('tokenTtlSeconds', 'validation_failed', message);
    } else fields.tokenTtlSeconds = ttl;
  }
  problems.throwIfAny();
  return fields;
}

/** An array or a comma/newline-separated string → normalised, de-duplicated origins; every bad entry is named. */
function allowedOrigins(value: JsonValue, problems: Problems): string[] | null {
  const entries = splitOrigins(value);
  if (entries === null) {
    problems.add('allowedOrigins', 'invalid_origin', 'allowedOrigins must be an array of origins or a comma-separated string.');
    return null;
  }
  if (entries.length > MAX_ORIGINS) {
    problems.add('allowedOrigins', 'invalid_origin', `allowedOrigins may hold at most ${MAX_ORIGINS} origins.`);
    return null;
  }
  const bad = entries.filter((entry) => normalizeOrigin(entry) === null);
  if (bad.length > 0) {
    const named = bad.map((entry) => `"${entry.slice(0, 200)}"`).join(', ');
    problems.add('allowedOrigins', 'invalid_origin', `${named} ${bad.length === 1 ? 'is not a valid origin' : 'are not valid origins'}. ${ORIGIN_RULES}`);
    return null;
  }
  return [...new Set(entries.map((entry) => normalizeOrigin(entry)!))];
}
