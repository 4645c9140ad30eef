import { newId } from '../ids.js';
import type { SessionStore } from '../storage.js';
import { changes, many, one, type SqliteContext } from './context.js';
import { toSession, toUser } from './mapping.js';

const SESSION_WITH_USER = `SELECT u.*, s.id AS s_id, s.project_id AS s_project_id, s.endpoint_id AS s_endpoint_id, s.user_id AS s_user_id,
    s.created_at AS s_created_at, s.expires_at AS s_expires_at, s.revoked_at AS s_revoked_at, s.last_seen_at AS s_last_seen_at, s.user_agent AS s_user_agent, s.ip AS s_ip
  FROM sessions s LEFT JOIN users u ON u.unique_id = s.user_id AND u.endpoint_id = s.endpoint_id WHERE s.id = ?`;

export function sessionStore(ctx: SqliteContext): SessionStore {
  return {
    async createSession(input) {
      const { id = newId(), ...fields } = input;
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(`INSERT INTO sessions (id, project_id, endpoint_id, user_id, created_at, expires_at, user_agent, ip)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(id, input.projectId, input.endpointId, input.userId, now, input.expiresAt.getTime(), input.userAgent, input.ip),
      );
      return { id, ...fields, createdAt: new Date(now), revokedAt: null, lastSeenAt: new Date(now) };
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
        created_at: row.s_created_at, expires_at: row.s_expires_at, revoked_at: row.s_revoked_at, last_seen_at: row.s_last_seen_at, user_agent: row.s_user_agent, ip: row.s_ip,
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
    async touchSession(id, at, everyMs) {
      const seen = at.getTime();
      return (await changes(ctx, 'UPDATE sessions SET last_seen_at = ? WHERE id = ? AND coalesce(last_seen_at, created_at) < ?', seen, id, seen - everyMs)) > 0;
    },
  };
}
