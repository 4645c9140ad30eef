import { newId } from '../ids.js';
import type { UserStore } from '../storage.js';
import { changes, one, type SqliteContext } from './context.js';
import { toUser } from './mapping.js';
import { countRows, pageRows } from './pages.js';

export function userStore(ctx: SqliteContext): UserStore {
  const findUser = (endpointId: string, uniqueId: string) =>
    one(ctx, toUser, 'SELECT * FROM users WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId);

  return {
    async createUser(input) {
      const { uniqueId = newId(), ...fields } = input;
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(`INSERT INTO users (unique_id, project_id, endpoint_id, username_lower, email_lower, password_hash, data, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(uniqueId, input.projectId, input.endpointId, input.usernameLower, input.emailLower, input.passwordHash,
            JSON.stringify(input.data), now, now),
      );
      return { uniqueId, ...fields, disabledAt: null, createdAt: new Date(now), updatedAt: new Date(now) };
    },
    async findUserById(endpointId, uniqueId) {
      return findUser(endpointId, uniqueId);
    },
    async findUserByLogin(endpointId, login) {
      return 'usernameLower' in login
        ? one(ctx, toUser, 'SELECT * FROM users WHERE endpoint_id = ? AND username_lower = ?', endpointId, login.usernameLower)
        : one(ctx, toUser, 'SELECT * FROM users WHERE endpoint_id = ? AND email_lower = ?', endpointId, login.emailLower);
    },
    async listUsers(endpointId, query) {
      return pageRows(ctx, 'users', endpointId, query, toUser);
    },
    async countUsers(endpointId, filter) {
      const upTo = filter?.upTo;
      return upTo !== undefined && upTo <= 0 ? 0 : countRows(ctx, 'users', endpointId, { where: filter?.where }, upTo);
    },
    async updateUser(endpointId, uniqueId, next) {
      // One write, as for records: the read, `next` and the write hold the lock together.
      return ctx.write(() => {
        const current = findUser(endpointId, uniqueId);
        if (!current) return null;
        const patch = Object.fromEntries(Object.entries(next(current)).filter(([, v]) => v !== undefined));
        const row = { ...current, ...patch };
        ctx.prepare(`UPDATE users SET username_lower = ?, email_lower = ?, password_hash = ?, data = ?, disabled_at = ?, updated_at = ?
            WHERE unique_id = ? AND endpoint_id = ?`)
          .run(row.usernameLower, row.emailLower, row.passwordHash, JSON.stringify(row.data), row.disabledAt?.getTime() ?? null, ctx.now(), uniqueId, endpointId);
        return findUser(endpointId, uniqueId);
      });
    },
    async deleteUser(endpointId, uniqueId) {
      return (await changes(ctx, 'DELETE FROM users WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId)) > 0;
    },
  };
}
