import { CONSOLE_PREFIX, H, STATUS_TEXT, type ErrorEnvelope, type Reason } from '@rested/shared';

export type ApiErrorBody = ErrorEnvelope['error'];

/** An error answered by the console API (or a network failure dressed in the same envelope). */
export class ApiError extends Error {
  readonly code: number;
  readonly status: string;
  readonly reason: Reason;
  readonly request: string;
  readonly fields: Record<string, string>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.status = body.status;
    this.reason = body.reason;
    this.request = body.request;
    this.fields = body.fields ?? {};
  }

  /** The server's problem with one field, if it named one. */
  field(name: string): string | undefined {
    return this.fields[name];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Call the console API. `path` is relative to /api/console. Sends and expects JSON;
 * 204 resolves to undefined. Any failure throws an ApiError.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`${CONSOLE_PREFIX}${path}`, init);
  } catch {
    throw new ApiError({
      code: 0,
      status: 'Network Error',
      reason: 'service_unavailable',
      message: 'Cannot reach the server. Check your connection and try again.',
      request: '',
    });
  }
  if (res.status === 204 || res.status === 202) return undefined as T;
  const payload = await readJson(res);
  if (res.ok && payload !== undefined) return payload as T;
  throw new ApiError(toErrorBody(res, payload));
}

async function readJson(res: Response): Promise<unknown> {
  if (!(res.headers.get('Content-Type') ?? '').includes('json')) return undefined;
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

function toErrorBody(res: Response, payload: unknown): ApiErrorBody {
  const error = (payload as Partial<ErrorEnvelope> | undefined)?.error;
  if (error && typeof error.message === 'string') return { ...error, code: error.code ?? res.status };
  const code = res.ok ? 502 : res.status;
  return {
    code,
    status: STATUS_TEXT[code] ?? res.statusText,
    reason: code >= 500 || res.ok ? 'internal_error' : 'not_found',
    message: res.ok
      ? `The server gave an unexpected answer (HTTP ${res.status}, not JSON).`
      : `The server answered ${res.status} ${res.statusText || STATUS_TEXT[res.status] || ''}.`.replace(' .', '.'),
    request: res.headers.get(H.requestId) ?? '',
  };
}
