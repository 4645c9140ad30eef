/** What an error reason means to an owner, in plain words, and where it is fixed. */
export interface ReasonHelp {
  explain: string;
  /** A section of the project's screens that fixes it: 'origins', 'keys', 'endpoints'. */
  fix?: 'origins' | 'keys' | 'endpoints';
}

const HELP: Record<string, ReasonHelp> = {
  missing_key: { explain: 'The request had no key parameter. Every call needs ?key= with the project\'s API key.', fix: 'keys' },
  invalid_key_or_endpoint: { explain: 'The key is right but no endpoint has this name: a typo in the URL, or the endpoint was renamed or deleted.', fix: 'endpoints' },
  origin_not_allowed: { explain: 'A web page on this origin called the API, and the project\'s allowed origins do not include it, so the browser got no answer it could read.', fix: 'origins' },
  origin_required: { explain: 'The request had no Origin header, and the project refuses those ("disallow no origin").', fix: 'origins' },
  unauthorized: { explain: 'A master key came with the request but it is not this project\'s (wrong, or deleted).', fix: 'keys' },
  token_missing: { explain: 'The endpoint needs a signed-in user and no token came. In cookie mode over plain HTTP (not localhost) the browser drops the cookie.' },
  token_invalid: { explain: 'The token is not one this project signed: from another project, or cut off.' },
  token_expired: { explain: 'The user\'s token expired: they need to sign in again (the lifetime is in the project settings).' },
  session_revoked: { explain: 'The user signed out or their sessions were revoked; the token no longer works.' },
  invalid_credentials: { explain: 'A sign-in with a wrong password or an unknown user.' },
  forbidden: { explain: 'A signed-in user asked for another user\'s record, which the endpoint\'s access settings do not allow.' },
  too_many_requests: { explain: 'A client sent more writes or sign-ins than the rate limits allow; it should wait and retry.' },
  quota_exceeded: { explain: 'The project reached its records or bytes quota; delete data or raise the quota.' },
  payload_too_large: { explain: 'The request body was larger than the server allows (BODY_LIMIT).' },
  invalid_json: { explain: 'The body was not valid JSON.' },
  method_not_allowed: { explain: 'The endpoint does not accept this HTTP method.' },
  record_not_found: { explain: 'No record with this uniqueId in the endpoint.' },
  internal_error: { explain: 'The server failed while answering; its log has the details under this request id.' },
  service_unavailable: { explain: 'The database was unreachable or the server was overloaded for a moment.' },
};

export function reasonHelp(reason: string): ReasonHelp {
  return HELP[reason] ?? { explain: 'The request was refused; the runtime API reference lists this reason.' };
}
