import type { Services } from '../services.js';
import { hashToken, newToken } from '../auth/keys.js';
import type { OwnerSessionRow } from '../storage/rows.js';
import type { OwnerAuth } from './console-request.js';

/** Console sessions last 7 days from login; logging in again starts a new one. */
export const OWNER_SESSION_TTL_SECONDS = 7 * 24 * 3600;

/** Opens a session; the token is returned once and only its keyed hash is stored. */
export async function openOwnerSession(services: Services, ownerId: string): Promise<{ token: string; session: OwnerSessionRow }> {
  const token = newToken();
  const expiresAt = new Date(services.clock.now().getTime() + OWNER_SESSION_TTL_SECONDS * 1000);
  const session = await services.storage.createOwnerSession({ ownerId, tokenHash: hashToken(services.config.secret, token), expiresAt });
  return { token, session };
}

/** The owner of a live (not revoked, not expired) session with this token, or null. Never throws for a bad token. */
export async function findOwnerByToken(services: Services, token: string): Promise<OwnerAuth | null> {
  const { storage, config, clock } = services;
  const session = await storage.findOwnerSessionByTokenHash(hashToken(config.secret, token));
  if (!session || session.revokedAt || session.expiresAt.getTime() <= clock.now().getTime()) return null;
  const owner = await storage.findOwnerById(session.ownerId);
  return owner ? { owner, session } : null;
}
