import type { Reason } from '@rested/shared';
import { isApiError } from '../api/client';

/** Which form field a reason is about, when the server did not name the field itself. */
const REASON_FIELD: Partial<Record<Reason, string>> = {
  invalid_project_name: 'name',
  invalid_endpoint_name: 'name',
  endpoint_exists: 'name',
  invalid_origin: 'allowedOrigins',
  owner_exists: 'email',
};

/** The server's complaint about one field: `error.fields[field]`, or the message of a reason tied to that field. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  const named = error.field(field);
  if (named) return named;
  const hasFields = Object.keys(error.fields).length > 0;
  return !hasFields && REASON_FIELD[error.reason] === field ? error.message : undefined;
}

/** The error to show above the form: null when every part of it is already shown next to one of `fields`. */
export function formLevelError(error: unknown, fields: readonly string[]): unknown {
  if (!error) return null;
  if (!isApiError(error)) return error;
  const named = Object.keys(error.fields);
  if (named.length > 0) return named.every((f) => fields.includes(f)) ? null : error;
  const field = REASON_FIELD[error.reason];
  return field && fields.includes(field) ? null : error;
}
