import { ok, type Result } from '../../http/result.js';
import type { UserRow } from '../../storage/rows.js';
import { shape } from '../../wire/envelope.js';
import { nextPageHeaders, parsePage } from '../page-params.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { userNotFound } from '../user-access.js';

/**
 * GET on an auth endpoint with the master key: the user named by one uniqueId (404 when
 * missing), the users named by several (an array without the missing ones), or a page of all users
 * (with X-Next-Cursor and Link rel="next" when more follow).
 */
export async function listUsers(req: RuntimeRequest): Promise<Result> {
  const { storage } = req.services;
  const { uniqueIds: ids, flags } = req;
  if (ids.length === 1) {
    const user = await storage.findUserById(req.endpoint.id, ids[0]!);
    if (!user) throw userNotFound();
    return ok(shape(user, flags.dataOnly));
  }
  if (ids.length > 1) {
    const users: UserRow[] = [];
    for (const id of ids) {
      const user = await storage.findUserById(req.endpoint.id, id);
      if (user) users.push(user);
    }
    return ok(shape(users, flags.dataOnly));
  }
  const page = await storage.listUsers(req.endpoint.id, parsePage(req, { allowDataSort: false }));
  return ok(shape(page, flags.dataOnly), { headers: nextPageHeaders(req, page) });
}
