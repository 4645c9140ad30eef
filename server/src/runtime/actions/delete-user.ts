import { accessTokenCookie } from '../../http/cookies.js';
import { noContent, type Result } from '../../http/result.js';
import { runtimeEvent } from '../audit-event.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { requireTargetUser } from '../user-access.js';

/** DELETE on an auth endpoint: remove one's own record and all its sessions; the caller's cookie is cleared. */
export async function deleteUser(req: RuntimeRequest): Promise<Result> {
  const { user, current } = await requireTargetUser(req);
  const { storage } = req.services;
  const event = runtimeEvent(req, 'user.deleted', { userId: current?.user.uniqueId, uniqueId: user.uniqueId });
  await storage.audited(event, () => storage.deleteUser(req.endpoint.id, user.uniqueId));
  return noContent(current ? { cookies: [accessTokenCookie.clear()] } : {});
}
