import { Q, isFlagOn } from '@rested/shared';
import { hashPassword } from '../../auth/passwords.js';
import { conflictsAs } from '../../http/conflicts.js';
import { created, type Result } from '../../http/result.js';
import { shape } from '../../wire/envelope.js';
import { queryValue, type RuntimeRequest } from '../runtime-request.js';
import { userFields } from '../user-fields.js';

/** A taken username or email → 409 user_exists. */
export const userConflict = conflictsAs({
  email: ['user_exists', 'A user with this email already exists.'],
  username: ['user_exists', 'A user with this username already exists.'],
});

/** POST on an auth endpoint: register a user. Answers 201 with the user record, never the password. */
export async function register(req: RuntimeRequest): Promise<Result> {
  const fields = userFields(await req.readBody('json'), { passwordRequired: true });
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
  return created(shape(user, isFlagOn(queryValue(req, Q.dataOnly))));
}
