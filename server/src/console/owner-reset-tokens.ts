import type { Config } from '../config/load-config.js';
import { PASSWORD_RESET_TTL_MS, hashOneTimeToken, newOneTimeToken } from '../auth/one-time-tokens.js';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';

/** An owner's one-time reset token (1 hour, replacing older ones): by mail, or printed by `npm run owner -- reset-password`. */
export async function issueOwnerResetToken(storage: Storage, clock: Clock, ownerId: string): Promise<string> {
  const token = newOneTimeToken();
  await storage.issueOneTimeToken({
    tokenHash: hashOneTimeToken(token),
    purpose: 'owner_password_reset',
    subjectId: ownerId,
    projectId: null,
    endpointId: null,
    expiresAt: new Date(clock.now().getTime() + PASSWORD_RESET_TTL_MS),
  });
  return token;
}

/** `<PUBLIC_URL or http://localhost:PORT>/reset-password?token=…`: the dashboard's reset page. */
export function ownerResetLink(config: Pick<Config, 'publicUrl' | 'port'>, token: string): string {
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  return `${base}/reset-password?token=${encodeURIComponent(token)}`;
}
