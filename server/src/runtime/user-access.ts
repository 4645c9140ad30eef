import { apiError } from '../http/api-error.js';
import type { UserRow } from '../storage/rows.js';
import { requireOwnUser, type CurrentUser } from './current-user.js';
import { requireSingleId, type RuntimeRequest } from './runtime-request.js';

export const userNotFound = () => apiError('record_not_found', 'No user with this uniqueId.');

/**
 * The user a PUT/PATCH/DELETE on an auth endpoint addresses: one's own record (403 for anyone
 * else's), or anyone's with the master key. `current` is the caller, null with the master key.
 */
export async function requireTargetUser(req: RuntimeRequest): Promise<{ user: UserRow; current: CurrentUser | null }> {
  const id = requireSingleId(req);
  const current = req.master ? null : await requireOwnUser(req);
  if (current && current.user.uniqueId !== id) throw apiError('forbidden', 'You can only change your own user record.');
  const user = current?.user ?? (await req.services.storage.findUserById(req.endpoint.id, id));
  if (!user) throw userNotFound();
  return { user, current };
}
