import { newId } from '../ids.js';
import type { UserPatch } from '../rows.js';
import type { UserStore } from '../storage.js';
import { compareAndSet, RETRY } from './compare-and-set.js';
import { AFTER_UPDATE, op, pickDefined, type MongoContext } from './context.js';
import type { UserDoc } from './documents.js';
import { dataFields, mapOrNull, toUser, WITHOUT_SORTABLE, type Stored } from './mapping.js';
import { listPage, whereCondition } from './pages.js';

/**
 * Equality plus the `$type: 'string'` of the unique indexes' partial filter: the query planner
 * only picks a partial index when the query contains its filter expression, and it does not
 * infer a `$type` from an equality.
 */
const loginValue = (value: string) => op({ $eq: value, $type: 'string' });

const USER_PATCH_KEYS = ['usernameLower', 'emailLower', 'passwordHash', 'disabledAt'] as const satisfies ReadonlyArray<keyof UserPatch>;

export function userStore({ models: { users, sessions }, now }: MongoContext): UserStore {
  const findOne = async (filter: Record<string, unknown>) =>
    mapOrNull(await users.findOne(filter, WITHOUT_SORTABLE).lean<Stored<UserDoc>>(), toUser);

  return {
    async createUser(input) {
      const t = now();
      const doc: UserDoc = {
        _id: input.uniqueId ?? newId(),
        projectId: input.projectId,
        endpointId: input.endpointId,
        usernameLower: input.usernameLower,
        emailLower: input.emailLower,
        passwordHash: input.passwordHash,
        disabledAt: null,
        ...dataFields(input.data),
        createdAt: t,
        updatedAt: t,
      };
      await users.create(doc);
      return toUser(doc);
    },
    async findUserById(endpointId, uniqueId) {
      return findOne({ _id: uniqueId, endpointId });
    },
    async findUserByLogin(endpointId, login) {
      return 'usernameLower' in login
        ? findOne({ endpointId, usernameLower: loginValue(login.usernameLower) })
        : findOne({ endpointId, emailLower: loginValue(login.emailLower) });
    },
    async listUsers(endpointId, query) {
      return listPage(users, endpointId, query, toUser);
    },
    async countUsers(endpointId, filter) {
      const upTo = filter?.upTo;
      const count = users.countDocuments({ endpointId, ...whereCondition(filter?.where) });
      if (upTo === undefined) return count;
      return upTo <= 0 ? 0 : count.limit(Math.floor(upTo));
    },
    async updateUser(endpointId, uniqueId, next) {
      // Compare-and-set, as for records, on every field a patch writes: a write that raced ours makes the filter miss.
      return compareAndSet(async () => {
        const current = await users.findOne({ _id: uniqueId, endpointId }, WITHOUT_SORTABLE).lean<Stored<UserDoc>>();
        if (!current) return null;
        const patch = next(toUser(current));
        const set = {
          ...pickDefined(patch, USER_PATCH_KEYS),
          ...(patch.data === undefined ? {} : dataFields(patch.data)),
          updatedAt: now(),
        };
        const unchanged = {
          dataJson: current.dataJson,
          passwordHash: current.passwordHash,
          // null also matches a missing field, as the stored row reads it.
          usernameLower: current.usernameLower ?? null,
          emailLower: current.emailLower ?? null,
          disabledAt: current.disabledAt ?? null,
        };
        const doc = await users
          .findOneAndUpdate({ _id: uniqueId, endpointId, ...unchanged }, { $set: set }, { ...AFTER_UPDATE, projection: WITHOUT_SORTABLE })
          .lean<Stored<UserDoc>>();
        return doc ? toUser(doc) : RETRY;
      }, 'user');
    },
    async deleteUser(endpointId, uniqueId) {
      const { deletedCount } = await users.deleteOne({ _id: uniqueId, endpointId });
      if (deletedCount === 0) return false;
      await sessions.deleteMany({ userId: uniqueId });
      return true;
    },
  };
}
