import { ALLOWED_TYPES_RULES, MAX_ALLOWED_TYPES, normalizeMimePattern } from '@rested/shared';
import type { EndpointRow } from '../storage/rows.js';
import { optionalBoolean, type JsonObject, type Problems } from './input.js';

/** The file-endpoint fields of an endpoint body, checked (docs/file-endpoints.md). */
export interface FileEndpointFields {
  files?: boolean;
  maxFileBytes?: number;
  allowedTypes?: string[];
}

/**
 * `files` is fixed at creation (like `auth`, and never both); `maxFileBytes` a whole number of
 * bytes from 1 to the server's FILE_LIMIT; `allowedTypes` a list of MIME types or `type/*`
 * patterns (stored lower-cased, without repeats).
 */
export function fileEndpointFields(body: JsonObject, current: EndpointRow | null, fileLimitBytes: number, problems: Problems): FileEndpointFields {
  const fields: FileEndpointFields = {};
  const files = optionalBoolean(body, 'files', problems);
  if (files !== undefined && current && files !== current.files) {
    problems.add('files', 'validation_failed', 'files cannot change after creation: create a new endpoint of the other kind.');
  } else if (files !== undefined) fields.files = files;
  if (fields.files && body.auth === true) problems.add('files', 'validation_failed', 'An endpoint is either an authentication endpoint or a file endpoint, not both.');
  const max = body.maxFileBytes;
  if (max !== undefined) {
    if (typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= fileLimitBytes) fields.maxFileBytes = max;
    else problems.add('maxFileBytes', 'validation_failed', `maxFileBytes must be a whole number of bytes from 1 to ${fileLimitBytes} (this server's FILE_LIMIT).`);
  }
  if (body.allowedTypes !== undefined) {
    const types = allowedTypes(body.allowedTypes);
    if (types) fields.allowedTypes = types;
    else problems.add('allowedTypes', 'validation_failed', `allowedTypes: ${ALLOWED_TYPES_RULES}`);
  }
  return fields;
}

function allowedTypes(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_ALLOWED_TYPES) return null;
  const types = value.map((v) => (typeof v === 'string' ? normalizeMimePattern(v) : null));
  return types.every((t) => t !== null) ? [...new Set(types as string[])] : null;
}
