import { Q, isFlagOn } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import type { Result } from '../http/result.js';
import { createRecord, deleteRecord, readRecords, updateRecord } from './actions/records.js';
import { login } from './actions/login.js';
import { logout } from './actions/logout.js';
import { register } from './actions/register.js';
import { deleteUser, getUsers, updateUser } from './actions/users.js';
import { queryValue, type RuntimeRequest } from './runtime-request.js';

/** Chooses the action for the endpoint's kind, the method and the login/logout flags. */
export function dispatch(req: RuntimeRequest, method: string): Promise<Result> {
  const flag = (name: string) => isFlagOn(queryValue(req, name));
  if (req.endpoint.auth) {
    switch (method) {
      case 'POST':
        if (flag(Q.logout)) return logout(req);
        return flag(Q.login) ? login(req) : register(req);
      case 'GET':
        return getUsers(req);
      case 'PUT':
        return updateUser(req, 'PUT');
      case 'PATCH':
        return updateUser(req, 'PATCH');
      case 'DELETE':
        return deleteUser(req);
    }
  } else {
    if (method === 'POST' && (flag(Q.logout) || flag(Q.login))) {
      throw apiError('not_an_auth_endpoint', `${req.endpoint.name} is a data endpoint: login and logout work on authentication endpoints.`);
    }
    switch (method) {
      case 'POST':
        return createRecord(req);
      case 'GET':
        return readRecords(req);
      case 'PUT':
        return updateRecord(req, 'PUT');
      case 'PATCH':
        return updateRecord(req, 'PATCH');
      case 'DELETE':
        return deleteRecord(req);
    }
  }
  throw apiError('method_not_allowed', `${method} is not supported here.`, { headers: { Allow: 'GET, POST, PUT, PATCH, DELETE, OPTIONS' } });
}
