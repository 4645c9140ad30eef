/** Every error reason with its HTTP status: the one table the server and the docs follow. */
export const REASONS = {
  // gate
  missing_key: 403,
  invalid_key_or_endpoint: 400,
  origin_not_allowed: 403,
  origin_required: 403,
  // request shape
  invalid_json: 400,
  empty_body: 400,
  invalid_body: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_parameter: 400,
  missing_unique_id: 400,
  invalid_strategy: 400,
  type_mismatch: 400,
  invalid_jsonata: 400,
  invalid_where: 400,
  index_required: 400,
  too_many_records: 400,
  not_an_auth_endpoint: 400,
  method_not_allowed: 405,
  // records
  record_not_found: 404,
  // end-user auth
  unauthorized: 401,
  token_missing: 401,
  token_invalid: 401,
  token_expired: 401,
  session_revoked: 401,
  user_not_found: 401,
  invalid_credentials: 401,
  forbidden: 403,
  user_exists: 409,
  too_many_requests: 429,
  // sessions and account controls (docs/sessions-and-audit.md)
  session_not_found: 404,
  user_disabled: 403,
  current_password_required: 400,
  // password reset and email verification (docs/password-reset.md)
  email_not_configured: 409,
  template_not_found: 404,
  invalid_template: 400,
  invalid_reset_token: 400,
  invalid_verification_token: 400,
  email_not_verified: 403,
  email_delivery_failed: 502,
  // file endpoints (docs/file-endpoints.md)
  unexpected_file_field: 400,
  missing_file: 400,
  invalid_multipart: 400,
  too_many_files: 413,
  file_too_large: 413,
  file_type_not_allowed: 415,
  range_not_satisfiable: 416,
  // quotas (docs/security.md)
  quota_exceeded: 403,
  // console
  owner_exists: 409,
  signup_closed: 403,
  csrf_rejected: 403,
  invalid_origin: 400,
  invalid_project_name: 400,
  invalid_endpoint_name: 400,
  endpoint_exists: 409,
  project_not_found: 404,
  endpoint_not_found: 404,
  validation_failed: 400,
  not_found: 404,
  // a write that met a concurrent change: what it refers to was deleted meanwhile, or a unique
  // value no action answers with its own reason was taken (http/error-answers.ts)
  conflict: 409,
  // anything unexpected
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type Reason = keyof typeof REASONS;

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function statusOf(reason: Reason): number {
  return REASONS[reason];
}

export function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REASONS, value);
}
