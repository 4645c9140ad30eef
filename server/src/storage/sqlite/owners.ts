import { foldIdentifier } from '../../auth/identifiers.js';
import { newId } from '../ids.js';
import type { OwnerStore } from '../storage.js';
import { changes, many, one, type SqliteContext } from './context.js';
import { toOwner, toOwnerSession } from './mapping.js';

export function ownerStore(ctx: SqliteContext): OwnerStore {
  const store: OwnerStore = {
    async createOwner(input) {
      const id = newId();
      await ctx.write(() =>
        ctx
          .prepare('INSERT INTO owners (id, email, email_lower, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(id, input.email, foldIdentifier(input.email), input.name, input.passwordHash, ctx.now()),
      );
      return (await store.findOwnerById(id))!;
    },
    async findOwnerById(id) {
      return one(ctx, toOwner, 'SELECT * FROM owners WHERE id = ?', id);
    },
    async findOwnerByEmail(email) {
      return one(ctx, toOwner, 'SELECT * FROM owners WHERE email_lower = ?', foldIdentifier(email));
    },
    async hasOwners() {
      return ctx.prepare('SELECT 1 FROM owners LIMIT 1').get() !== undefined;
    },

    async createOwnerSession(input) {
      const id = newId();
      await ctx.write(() =>
        ctx
          .prepare('INSERT INTO owner_sessions (id, owner_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, input.ownerId, input.tokenHash, ctx.now(), input.expiresAt.getTime()),
      );
      return one(ctx, toOwnerSession, 'SELECT * FROM owner_sessions WHERE id = ?', id)!;
    },
    async findOwnerSessionByTokenHash(tokenHash) {
      return one(ctx, toOwnerSession, 'SELECT * FROM owner_sessions WHERE token_hash = ?', tokenHash);
    },
    async revokeOwnerSession(id) {
      return (await changes(ctx, 'UPDATE owner_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', ctx.now(), id)) > 0;
    },
    async listOwnerSessions(ownerId) {
      return many(ctx, toOwnerSession, 'SELECT * FROM owner_sessions WHERE owner_id = ? ORDER BY created_at, id', ownerId);
    },
    async revokeOwnerSessions(ownerId, options) {
      return changes(ctx, 'UPDATE owner_sessions SET revoked_at = ? WHERE owner_id = ? AND revoked_at IS NULL AND id IS NOT ?',
        ctx.now(), ownerId, options?.exceptId ?? null);
    },
    async updateOwnerPassword(id, passwordHash) {
      return (await changes(ctx, 'UPDATE owners SET password_hash = ? WHERE id = ?', passwordHash, id)) > 0;
    },
  };
  return store;
}
