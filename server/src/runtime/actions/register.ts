import { hashPassword } from '../../auth/passwords.js';
import { created, type Result } from '../../http/result.js';
import { shape } from '../../wire/envelope.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { userConflict, userFields } from '../user-fields.js';
import { requireWriteRoom, storedBytes } from '../write-quota.js';

/** POST on an auth endpoint, no flag: register a user. Answers 201 with the user record, never the password. */
export async function register(req: RuntimeRequest): Promise<Result> {
  const fields = userFields(await req.readBody('json'), { passwordRequired: true });
  await requireWriteRoom(req, { records: 1, bytes: storedBytes(fields.data) });
  const passwordHash = await hashPassword(fields.password!);
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
