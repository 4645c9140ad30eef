import { QUERY_LIMITS, validateEndpointName, validateIndexField, type AccessOptions } from '@rested/shared';
import type { EndpointRow } from '../storage/rows.js';
import { fileEndpointFields, type FileEndpointFields } from './file-endpoint-input.js';
import { Problems, isJsonObject, optionalBoolean, optionalString, type JsonObject } from './input.js';

/** The fields of an endpoint an owner may set, checked. */
export interface EndpointFields extends FileEndpointFields {
  name?: string;
  description?: string;
  auth?: boolean;
  secure?: boolean;
  requireVerifiedEmail?: boolean;
  access?: Partial<AccessOptions>;
  indexes?: string[];
}

const MAX_DESCRIPTION = 2000;
const ACCESS_KEYS = ['readOthers', 'updateOthers', 'deleteOthers'] as const;

/**
 * Checks a create body (`current` null: `name` required) or a PATCH body of `current`.
 * `auth` is fixed at creation: users and records are different things, so an endpoint
 * cannot change kind. Every bad field is reported at once; unknown fields are ignored.
 */
export function endpointFields(body: JsonObject, current: EndpointRow | null, fileLimitBytes: number): EndpointFields {
  const problems = new Problems();
  const fields: EndpointFields = fileEndpointFields(body, current, fileLimitBytes, problems);
  if (body.name !== undefined || current === null) {
    const problem = body.name === undefined ? 'name is required.' : validateEndpointName(body.name);
    if (problem) problems.add('name', 'invalid_endpoint_name', problem);
    else fields.name = body.name as string;
  }
  const description = optionalString(body, 'description', MAX_DESCRIPTION, problems);
  if (description !== undefined) fields.description = description;
  const auth = optionalBoolean(body, 'auth', problems);
  if (auth !== undefined && current && auth !== current.auth) {
    problems.add('auth', 'validation_failed', 'auth cannot change after creation: create a new endpoint of the other kind.');
  } else if (auth !== undefined) fields.auth = auth;
  const secure = optionalBoolean(body, 'secure', problems);
  if (secure !== undefined) fields.secure = secure;
  const requireVerifiedEmail = optionalBoolean(body, 'requireVerifiedEmail', problems);
  if (requireVerifiedEmail !== undefined) fields.requireVerifiedEmail = requireVerifiedEmail;
  if (body.access !== undefined) {
    const access = accessOptions(body.access);
    if (access) fields.access = access;
    else problems.add('access', 'validation_failed', `access must be an object of booleans: ${ACCESS_KEYS.join(', ')}.`);
  }
  if (body.indexes !== undefined) {
    const problem = indexesProblem(body.indexes);
    if (problem) problems.add('indexes', 'validation_failed', problem);
    else fields.indexes = [...new Set(body.indexes as string[])];
  }
  problems.throwIfAny();
  return fields;
}

function indexesProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'indexes must be an array of data fields, such as ["data.email", "data.age"].';
  if (new Set(value).size > QUERY_LIMITS.maxIndexes) return `An endpoint has at most ${QUERY_LIMITS.maxIndexes} indexes.`;
  for (const field of value) {
    const problem = validateIndexField(field);
    if (problem) return problem;
  }
  return null;
}

function accessOptions(value: unknown): Partial<AccessOptions> | null {
  if (!isJsonObject(value)) return null;
  const access: Partial<AccessOptions> = {};
  for (const key of ACCESS_KEYS) {
    const flag = value[key];
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') return null;
    access[key] = flag;
  }
  return access;
}
