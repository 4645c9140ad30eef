import type { OneTimeTokenRow, OneTimePurpose } from '../email-rows.js';
import type { OneTimeTokenStore } from '../email-storage.js';
import { changes, one, type SqliteContext } from './context.js';

export const toToken = (r: Record<string, unknown>): OneTimeTokenRow => ({
  tokenHash: r.token_hash as string,
  purpose: r.purpose as OneTimePurpose,
  subjectId: r.subject_id as string,
  projectId: (r.project_id as string | null) ?? null,
  endpointId: (r.endpoint_id as string | null) ?? null,
  createdAt: new Date(r.created_at as number),
  expiresAt: new Date(r.expires_at as number),
});

const REVOKE = 'DELETE FROM one_time_tokens WHERE purpose = ? AND subject_id = ?';

export function oneTimeTokenStore(ctx: SqliteContext): OneTimeTokenStore {
  return {
    async issueOneTimeToken(input) {
      const now = ctx.now();
      // One write: the older tokens go in the same transaction the new one arrives in.
      await ctx.write(() => {
        ctx.prepare(REVOKE).run(input.purpose, input.subjectId);
        ctx.prepare(`INSERT INTO one_time_tokens (token_hash, purpose, subject_id, project_id, endpoint_id, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(input.tokenHash, input.purpose, input.subjectId, input.projectId, input.endpointId, now, input.expiresAt.getTime());
      });
      return { ...input, createdAt: new Date(now) };
    },
    async consumeOneTimeToken(purpose, tokenHash, endpointId) {
      return ctx.write(() => {
        const row = one(ctx, toToken, 'SELECT * FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND endpoint_id IS ? AND expires_at > ?',
          tokenHash, purpose, endpointId, ctx.now());
        if (row) ctx.prepare(REVOKE).run(purpose, row.subjectId);
        return row;
      });
    },
    async revokeOneTimeTokens(purpose, subjectId) {
      return changes(ctx, REVOKE, purpose, subjectId);
    },
  };
}
