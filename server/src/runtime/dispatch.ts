import { apiError } from '../http/api-error.js';
import type { Result } from '../http/result.js';
import { createRecord } from './actions/create-record.js';
import { deleteRecord } from './actions/delete-record.js';
import { deleteUser } from './actions/delete-user.js';
import { getCurrentUser } from './actions/get-current-user.js';
import { listUsers } from './actions/list-users.js';
import { login } from './actions/login.js';
import { logout } from './actions/logout.js';
import { readRecords } from './actions/read-records.js';
import { register } from './actions/register.js';
import { updateRecord } from './actions/update-record.js';
import { updateUser } from './actions/update-user.js';
import { RUNTIME_METHODS, type RuntimeMethod, type RuntimeRequest } from './runtime-request.js';

const isRuntimeMethod = (method: string): method is RuntimeMethod => (RUNTIME_METHODS as readonly string[]).includes(method);

/** Chooses the action for the endpoint's kind, the method and the login/logout flags. */
export function dispatch(request: RuntimeRequest<string>): Promise<Result> {
  const { method } = request;
  if (!isRuntimeMethod(method)) {
    throw apiError('method_not_allowed', `${method} is not supported here.`, { headers: { Allow: 'GET, POST, PUT, PATCH, DELETE, OPTIONS' } });
  }
  const req: RuntimeRequest = { ...request, method };
  if (req.endpoint.auth) {
    switch (method) {
      case 'POST':
        if (req.flags.logout) return logout(req);
        return req.flags.login ? login(req) : register(req);
      case 'GET':
        return req.master ? listUsers(req) : getCurrentUser(req);
      case 'PUT':
      case 'PATCH':
        return updateUser(req);
      case 'DELETE':
        return deleteUser(req);
    }
  }
  if (method === 'POST' && (req.flags.logout || req.flags.login)) {
    throw apiError('not_an_auth_endpoint', `${req.endpoint.name} is a data endpoint: login and logout work on authentication endpoints.`);
  }
  switch (method) {
    case 'POST':
      return createRecord(req);
    case 'GET':
      return readRecords(req);
    case 'PUT':
    case 'PATCH':
      return updateRecord(req);
    case 'DELETE':
      return deleteRecord(req);
  }
}
