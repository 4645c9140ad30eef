import { Q, isFlagOn } from '@rested/shared';
import { hashPassword } from '../../auth/passwords.js';
import { apiError } from '../../http/api-error.js';
import { accessTokenCookie } from '../../http/cookies.js';
import { noContent, ok, type Result } from '../../http/result.js';
import type { UserPatch, UserRow } from '../../storage/rows.js';
import { requireOwnUser, type CurrentUser } from '../current-user.js';
import { shape } from '../../wire/envelope.js';
import { parsePage } from '../page-params.js';
import { queryList, queryValue, type RuntimeRequest } from '../runtime-request.js';
import { applyStrategy, isJsonObject, updateStrategy } from '../strategies.js';
import { isValidPassword, userFields } from '../user-fields.js';
import { userConflict } from './register.js';

/**
 * GET on an auth endpoint: the logged-in user's own record. With the master key: the users
 * named by uniqueId, or a page of all users.
 */
export async function getUsers(req: RuntimeRequest): Promise<Result> {
  const dataOnly = isFlagOn(queryValue(req, Q.dataOnly));
  if (!req.master) return ok(shape((await requireOwnUser(req)).user, dataOnly));
  const { storage } = req.services;
  const ids = queryList(req, Q.uniqueId);
  if (ids.length === 1) {
    const user = await storage.findUserById(req.endpoint.id, ids[0]!);
    if (!user) throw apiError('record_not_found', 'No user with this uniqueId.');
    return ok(shape(user, dataOnly));
  }
  const users: UserRow[] = [];
  if (ids.length > 1) {
    for (const id of ids) {
      const user = await storage.findUserById(req.endpoint.id, id);
      if (user) users.push(user);
    }
  } else {
    users.push(...(await storage.listUsers(req.endpoint.id, parsePage(req, { allowDataSort: false }))));
  }
  return ok(users.map((u) => shape(u, dataOnly)));
}

/** The user a PUT/PATCH/DELETE addresses: one's own record, or anyone's with the master key. */
async function targetUser(req: RuntimeRequest): Promise<{ user: UserRow; current: CurrentUser | null }> {
  const ids = queryList(req, Q.uniqueId);
  if (ids.length !== 1) throw apiError('missing_unique_id', 'Give exactly one uniqueId.');
  const current = req.master ? null : await requireOwnUser(req);
  if (current && current.user.uniqueId !== ids[0]) throw apiError('forbidden', 'You can only change your own user record.');
  const user = current?.user ?? (await req.services.storage.findUserById(req.endpoint.id, ids[0]!));
  if (!user) throw apiError('record_not_found', 'No user with this uniqueId.');
  return { user, current };
}

/**
 * PUT / PATCH: update one's own record with a strategy. A new password is hashed and ends every
 * other session of the user (all of them when the master key made the change). The strategy is
 * applied inside storage's one write, to the record as it is then: concurrent updates all land.
 */
export async function updateUser(req: RuntimeRequest, method: 'PUT' | 'PATCH'): Promise<Result> {
  const strategy = updateStrategy(queryValue(req, Q.strategy), method);
  const { user, current } = await targetUser(req); // who may write comes before reading what they sent
  const body = await req.readBody('json');
  if (!isJsonObject(body)) throw apiError('invalid_body', 'A user record must be a JSON object.');
  // Object rest and spread define own properties, so a `__proto__` key stays plain data.
  const { password, ...changes } = body;
  // Hashed before the write (storage's `next` is synchronous); a refused password is reported by userFields below, unhashed.
  const passwordHash = isValidPassword(password) ? await hashPassword(password) : undefined;
  const next = (stored: UserRow): UserPatch => {
    const data = applyStrategy(stored.data, changes, strategy);
    const fields = userFields({ ...(data as object), ...(password === undefined ? {} : { password }) }, { passwordRequired: false });
    return { data: fields.data, usernameLower: fields.usernameLower, emailLower: fields.emailLower, passwordHash };
  };
  const { storage } = req.services;
  const updated = await storage.updateUser(req.endpoint.id, user.uniqueId, next).catch(userConflict);
  if (!updated) throw apiError('record_not_found', 'No user with this uniqueId.');
  if (passwordHash !== undefined) await storage.revokeUserSessions(user.uniqueId, { exceptId: current?.session.id });
  return ok(shape(updated, isFlagOn(queryValue(req, Q.dataOnly))));
}

/** DELETE: remove one's own record and all its sessions; the caller's cookie is cleared. */
export async function deleteUser(req: RuntimeRequest): Promise<Result> {
  const { user, current } = await targetUser(req);
  await req.services.storage.deleteUser(req.endpoint.id, user.uniqueId);
  return noContent(current ? { cookies: [accessTokenCookie.clear()] } : {});
}
