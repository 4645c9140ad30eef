import { apiError, type ApiError } from '../http/api-error.js';
import type { Result } from '../http/result.js';
import { KIND_NAMES, kindOf, type EndpointKind, type Route } from './routes.js';
import { OPERATION_FLAGS, RUNTIME_METHODS, type OperationFlag, type RuntimeRequest } from './runtime-request.js';

/** "a", "a and b", "a, b and c" (or "or") */
const joined = (words: readonly string[], conjunction: 'and' | 'or' = 'and'): string =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;

const article = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

/**
 * Runs the action of the one row of `routes` for the endpoint's kind, the method and the
 * operation flag that is on. Before any action runs (nothing is read or written): 405 for a
 * method the kind has no row for; 400 for a flag no row has, or only rows of other kinds have
 * (not_an_auth_endpoint when it is an auth endpoint's), for two flags at once, and for a flag
 * this method has no row for.
 */
export function dispatch(routes: readonly Route[], request: RuntimeRequest<string>): Promise<Result> {
  const kind = kindOf(request.endpoint);
  const rows = routes.filter((r) => r.kind === kind && r.method === request.method);
  if (rows.length === 0) throw methodNotAllowed(routes, kind, request.method);
  const req: RuntimeRequest = { ...request, method: rows[0]!.method };
  const flag = requireRoutableFlag(routes, req, kind);
  const matching = rows.filter((r) => r.flag === flag && (!r.master || req.master));
  const route = matching.find((r) => r.master) ?? matching[0];
  if (!route) throw notWithMethod(routes, kind, flag, req.method);
  return route.action(req);
}

/** The one operation flag that is on, or null; 400 unless some row of this kind has it. */
function requireRoutableFlag(routes: readonly Route[], req: RuntimeRequest, kind: EndpointKind): OperationFlag | null {
  const on = OPERATION_FLAGS.filter((flag) => req.flags[flag]);
  for (const flag of on) {
    const kinds = [...new Set(routes.filter((r) => r.flag === flag).map((r) => r.kind))];
    if (kinds.length === 0) throw apiError('invalid_parameter', `${flag} is not supported on this server.`);
    if (!kinds.includes(kind)) {
      const message = `${req.endpoint.name} is ${article(KIND_NAMES[kind])} endpoint: ${flag}=true works on ${joined(kinds.map((k) => KIND_NAMES[k]), 'or')} endpoints.`;
      throw apiError(kinds.includes('auth') ? 'not_an_auth_endpoint' : 'invalid_parameter', message);
    }
  }
  if (on.length > 1) throw apiError('invalid_parameter', `${joined(on)} cannot be combined.`);
  return on[0] ?? null;
}

function methodNotAllowed(routes: readonly Route[], kind: EndpointKind, method: string): ApiError {
  const allowed = RUNTIME_METHODS.filter((m) => routes.some((r) => r.kind === kind && r.method === m));
  return apiError('method_not_allowed', `${method} is not supported here.`, { headers: { Allow: [...allowed, 'OPTIONS'].join(', ') } });
}

/** The flag (or no flag) has rows on this kind, but not for this method. */
function notWithMethod(routes: readonly Route[], kind: EndpointKind, flag: OperationFlag | null, method: string): ApiError {
  if (flag === null) {
    const flags = routes.filter((r) => r.kind === kind && r.method === method).map((r) => `${r.flag}=true`);
    return apiError('invalid_parameter', `${method} here needs ${joined([...new Set(flags)], 'or')}.`);
  }
  const methods = routes.filter((r) => r.kind === kind && r.flag === flag).map((r) => r.method);
  return apiError('invalid_parameter', `${flag}=true works with ${joined([...new Set(methods)], 'or')} only.`);
}
