import type autocannon from 'autocannon';

/**
 * Sends one request of a case with fetch and insists on its status (and optionally its body),
 * so a benchmark never measures a fast stream of errors.
 */
export async function check(
  baseUrl: string,
  request: autocannon.Request,
  status: number,
  inspect?: (body: unknown, headers: Headers) => string | null,
): Promise<void> {
  if (request.setupRequest) request = { ...request, ...request.setupRequest({ ...request, headers: { ...request.headers } }, {}) };
  const response = await fetch(baseUrl + request.path, {
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body === undefined ? undefined : String(request.body),
  });
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`${request.method} ${request.path} answered ${response.status}, expected ${status}: ${text.slice(0, 300)}`);
  }
  const problem = inspect?.(text ? JSON.parse(text) : null, response.headers) ?? null;
  if (problem) throw new Error(`${request.method} ${request.path}: ${problem}`);
}
