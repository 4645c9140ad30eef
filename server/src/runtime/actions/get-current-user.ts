import { ok, type Result } from '../../http/result.js';
import { shape } from '../../wire/envelope.js';
import { requireOwnUser } from '../current-user.js';
import type { RuntimeRequest } from '../runtime-request.js';

/** GET on an auth endpoint: the logged-in user's own record (401 without a valid token of this endpoint). */
export async function getCurrentUser(req: RuntimeRequest): Promise<Result> {
  return ok(shape((await requireOwnUser(req)).user, req.flags.dataOnly));
}
