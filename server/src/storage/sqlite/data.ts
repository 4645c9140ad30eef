import { newId } from '../ids.js';
import type { Storage } from '../storage.js';
import { changes, many, one, type SqliteContext } from './context.js';
import { toRecord, toSession, toUser } from './mapping.js';
import { pageRows } from './pages.js';

const SESSION_WITH_USER = `SELECT u.*, s.id AS s_id, s.project_id AS s_project_id, s.endpoint_id AS s_endpoint_id, s.user_id AS s_user_id,
    s.created_at AS s_created_at, s.expires_at AS s_expires_at, s.revoked_at AS s_revoked_at, s.user_agent AS s_user_agent, s.ip AS s_ip
  FROM sessions s LEFT JOIN users u ON u.unique_id = s.user_id AND u.endpoint_id = s.endpoint_id WHERE s.id = ?`;

type DataOps = Pick<
  Storage,
  | 'createRecord' | 'findRecords' | 'listRecords' | 'countRecords' | 'updateRecord' | 'deleteRecord'
  | 'createUser' | 'findUserById' | 'findUserByLogin' | 'listUsers' | 'countUsers' | 'updateUser' | 'deleteUser'
  | 'createSession' | 'findSession' | 'findSessionWithUser' | 'listSessions' | 'revokeSession' | 'revokeUserSessions'
>;

export function dataOps(ctx: SqliteContext): DataOps {
  const findRecord = (endpointId: string, uniqueId: string) =>
    one(ctx, toRecord, 'SELECT * FROM records WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId);
  const findUser = (endpointId: string, uniqueId: string) =>
    one(ctx, toUser, 'SELECT * FROM users WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId);

  return {
    async createRecord(input) {
      const uniqueId = newId();
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare('INSERT INTO records (unique_id, project_id, endpoint_id, creator_id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(uniqueId, input.projectId, input.endpointId, input.creatorId, JSON.stringify(input.data), now, now),
      );
      return { uniqueId, ...input, createdAt: new Date(now), updatedAt: new Date(now) };
    },
    async findRecords(endpointId, uniqueIds) {
      return uniqueIds.map((id) => findRecord(endpointId, id)).filter((r) => r !== null);
    },
    async listRecords(endpointId, query) {
      return pageRows(ctx.prepare, 'records', endpointId, query).map(toRecord);
    },
    async countRecords(endpointId, filter) {
      const upTo = filter?.upTo;
      if (upTo !== undefined && upTo <= 0) return 0;
      if (filter?.creatorId === undefined && upTo === undefined) {
        // The endpoint's whole count is kept by triggers (migration 2): one point read at any size.
        const row = ctx.prepare('SELECT n FROM endpoint_record_counts WHERE endpoint_id = ?').get(endpointId) as { n: number } | undefined;
        return row?.n ?? 0;
      }
      const params: Record<string, unknown> = { endpointId };
      let where = 'endpoint_id = @endpointId';
      if (filter?.creatorId !== undefined) {
        where += ' AND creator_id = @creatorId';
        params.creatorId = filter.creatorId;
      }
      if (upTo === undefined) return (ctx.prepare(`SELECT count(*) AS n FROM records WHERE ${where}`).get(params) as { n: number }).n;
      // The count stops at upTo: the LIMITed sub-select walks at most that many index entries.
      params.upTo = Math.floor(upTo);
      const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM records WHERE ${where} LIMIT CAST(@upTo AS INTEGER))`;
      return (ctx.prepare(sql).get(params) as { n: number }).n;
    },
    async updateRecord(endpointId, uniqueId, next) {
      // One write: the read and the write hold the lock together, across processes too.
      return ctx.write(() => {
        const current = findRecord(endpointId, uniqueId);
        if (!current) return null;
        const data = next(current);
        const now = ctx.now();
        ctx.prepare('UPDATE records SET data = ?, updated_at = ? WHERE unique_id = ? AND endpoint_id = ?').run(JSON.stringify(data), now, uniqueId, endpointId);
        return { ...current, data, updatedAt: new Date(now) };
      });
    },
    async deleteRecord(endpointId, uniqueId) {
      return (await changes(ctx, 'DELETE FROM records WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId)) > 0;
    },

    async createUser(input) {
      const uniqueId = newId();
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(`INSERT INTO users (unique_id, project_id, endpoint_id, username_lower, email_lower, password_hash, data, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(uniqueId, input.projectId, input.endpointId, input.usernameLower, input.emailLower, input.passwordHash,
            JSON.stringify(input.data), now, now),
      );
      return { uniqueId, ...input, createdAt: new Date(now), updatedAt: new Date(now) };
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
      return pageRows(ctx.prepare, 'users', endpointId, query).map(toUser);
    },
    async countUsers(endpointId) {
      return (ctx.prepare('SELECT count(*) AS n FROM users WHERE endpoint_id = ?').get(endpointId) as { n: number }).n;
    },
    async updateUser(endpointId, uniqueId, next) {
      // One write, as for records: the read, `next` and the write hold the lock together.
      return ctx.write(() => {
        const current = findUser(endpointId, uniqueId);
        if (!current) return null;
        const patch = Object.fromEntries(Object.entries(next(current)).filter(([, v]) => v !== undefined));
        const row = { ...current, ...patch };
        ctx.prepare(`UPDATE users SET username_lower = ?, email_lower = ?, password_hash = ?, data = ?, updated_at = ?
            WHERE unique_id = ? AND endpoint_id = ?`)
          .run(row.usernameLower, row.emailLower, row.passwordHash, JSON.stringify(row.data), ctx.now(), uniqueId, endpointId);
        return findUser(endpointId, uniqueId);
      });
    },
    async deleteUser(endpointId, uniqueId) {
      return (await changes(ctx, 'DELETE FROM users WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId)) > 0;
    },

    async createSession(input) {
      const id = newId();
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(`INSERT INTO sessions (id, project_id, endpoint_id, user_id, created_at, expires_at, user_agent, ip)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(id, input.projectId, input.endpointId, input.userId, now, input.expiresAt.getTime(), input.userAgent, input.ip),
      );
      return { id, ...input, createdAt: new Date(now), revokedAt: null };
    },
    async findSession(id) {
      return one(ctx, toSession, 'SELECT * FROM sessions WHERE id = ?', id);
    },
    async findSessionWithUser(id) {
      // One statement instead of two: every request with a token makes it.
      const row = ctx.prepare(SESSION_WITH_USER).get(id) as Record<string, unknown> | undefined;
      if (!row) return null;
      const session = toSession({
        id: row.s_id, project_id: row.s_project_id, endpoint_id: row.s_endpoint_id, user_id: row.s_user_id,
        created_at: row.s_created_at, expires_at: row.s_expires_at, revoked_at: row.s_revoked_at, user_agent: row.s_user_agent, ip: row.s_ip,
      });
      return { session, user: row.unique_id === null ? null : toUser(row) };
    },
    async listSessions(endpointId, userId) {
      return many(ctx, toSession, 'SELECT * FROM sessions WHERE user_id = ? AND endpoint_id = ? ORDER BY created_at, id', userId, endpointId);
    },
    async revokeSession(id) {
      return (await changes(ctx, 'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', ctx.now(), id)) > 0;
    },
    async revokeUserSessions(userId, options) {
      return changes(ctx, 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?',
        ctx.now(), userId, options?.exceptId ?? null);
    },
  };
}
