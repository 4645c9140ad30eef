import { hashPassword } from '../../auth/passwords.js';
import { refuseIfBusy, refuseIfThrottled } from '../../http/refuse-if-throttled.js';
import { created, type Result } from '../../http/result.js';
import { shape } from '../../wire/envelope.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { userConflict, userFields } from '../user-fields.js';
import { requireRoom, requireWriteRate, storedBytes } from '../write-quota.js';

export const TOO_MANY_REGISTRATIONS = 'Too many registrations from this address. Try again later.';

/**
 * POST on an auth endpoint, no flag: register a user. Answers 201 with the user record, never the
 * password. Throttled per IP per project (auth/registration-throttle.ts); the hash waits in the
 * project's queue (503 when it is full).
 */
export async function register(req: RuntimeRequest): Promise<Result> {
  const fields = userFields(await req.readBody('json'), { passwordRequired: true });
  refuseIfThrottled(await req.services.registrationThrottle.attempt(req.project.id, req.ip), TOO_MANY_REGISTRATIONS);
  await requireWriteRate(req);
  await requireRoom(req, { records: 1, bytes: storedBytes(fields.data) });
  const passwordHash = await refuseIfBusy(hashPassword(fields.password!, req.project.id));
  const user = await req.services.storage
    .createUser({
      projectId: req.project.id,
      endpointId: req.endpoint.id,
      usernameLower: fields.usernameLower,
      emailLower: fields.emailLower,
      passwordHash,
      data: fields.data,
    })
    .catch(userConflict);
  return created(shape(user, req.flags.dataOnly));
}
