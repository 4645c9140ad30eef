import type { Result } from '../../http/result.js';
import type { UserRow } from '../../storage/rows.js';
import { answerRows, readRange } from '../query-range.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { userNotFound } from '../user-access.js';

/**
 * GET on an auth endpoint with the master key: the user named by one uniqueId (404 when
 * missing), the users named by several (an array without the missing ones), or a range read of
 * the users (query-range.ts: where, sort, count, pages, JSONata's range), like any data read.
 */
export async function listUsers(req: RuntimeRequest): Promise<Result> {
  const { storage } = req.services;
  const { uniqueIds: ids } = req;
  if (ids.length === 1) {
    const user = await storage.findUserById(req.endpoint.id, ids[0]!);
    if (!user) throw userNotFound();
    return answerRows(req, user);
  }
  if (ids.length > 1) {
    const users: UserRow[] = [];
    for (const id of ids) {
      const user = await storage.findUserById(req.endpoint.id, id);
      if (user) users.push(user);
    }
    return answerRows(req, users);
  }
  const headers: Record<string, string> = {};
  const endpointId = req.endpoint.id;
  const page = await readRange(req, {
    list: (query) => storage.listUsers(endpointId, query),
    count: (filter) => storage.countUsers(endpointId, filter),
  }, headers);
  return answerRows(req, page, headers);
}
