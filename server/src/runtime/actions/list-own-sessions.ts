import type { OwnSession } from '@rested/shared';
import { ok, type Result } from '../../http/result.js';
import type { SessionRow } from '../../storage/rows.js';
import { requireOwnUser } from '../current-user.js';
import type { RuntimeRequest } from '../runtime-request.js';

function ownSessionJson(row: SessionRow, currentId: string): OwnSession {
  return {
    id: row.id,
    current: row.id === currentId,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    userAgent: row.userAgent,
    ip: row.ip,
  };
}

/**
 * GET ?sessions=true: the caller's live sessions (neither revoked nor expired), newest first, the
 * request's own marked `current`. Only the token's own user's: nothing of anyone else's.
 */
export async function listOwnSessions(req: RuntimeRequest): Promise<Result> {
  const { user, session } = await requireOwnUser(req);
  const now = req.services.clock.now().getTime();
  const all = await req.services.storage.listSessions(req.endpoint.id, user.uniqueId);
  const live = all.filter((s) => s.revokedAt === null && s.expiresAt.getTime() > now).reverse();
  return ok(live.map((s) => ownSessionJson(s.id === session.id ? session : s, session.id)));
}
