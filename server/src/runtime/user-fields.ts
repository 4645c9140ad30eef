import { EMAIL_RE, PASSWORD_MIN_LENGTH, type JsonValue } from '@rested/shared';
import { foldIdentifier } from '../auth/identifiers.js';
import { PASSWORD_MAX_LENGTH } from '../auth/passwords.js';
import { apiError } from '../http/api-error.js';
import { conflictsAs } from '../http/conflicts.js';
import { isJsonObject } from './strategies.js';

export interface UserFields {
  data: { [key: string]: JsonValue };
  usernameLower: string | null;
  emailLower: string | null;
  /** The new password in clear (to be hashed), when the body carried one. */
  password: string | undefined;
}

const MAX_IDENTIFIER = 254;

/** A taken username or email (unique per auth endpoint, in any case and Unicode compatibility form) → 409 user_exists. */
export const userConflict = conflictsAs({
  email: ['user_exists', 'A user with this email already exists.'],
  username: ['user_exists', 'A user with this username already exists.'],
});

/** A password rested accepts: a string of PASSWORD_MIN_LENGTH to PASSWORD_MAX_LENGTH characters. */
export const isValidPassword = (password: unknown): password is string =>
  typeof password === 'string' && password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH;

/**
 * Splits a user body into the stored public record and the password, and checks the fields
 * rested gives meaning to: `username` and/or `email` (one at least), `password` (8 to 1024
 * characters). The lookup copies of username and email are folded (NFKC, lower case: foldIdentifier).
 */
export function userFields(body: JsonValue, options: { passwordRequired: boolean }): UserFields {
  if (!isJsonObject(body)) throw apiError('invalid_body', 'The body must be a JSON object.');
  const fields: Record<string, string> = {};
  // Object rest defines own properties, so a `__proto__` key stays plain data.
  const { password, ...data } = body;
  const { username, email } = data;

  if (username !== undefined && (typeof username !== 'string' || username.trim() === '' || username.length > MAX_IDENTIFIER)) {
    fields.username = `username must be a non-empty string of at most ${MAX_IDENTIFIER} characters.`;
  }
  if (email !== undefined && (typeof email !== 'string' || !EMAIL_RE.test(email) || email.length > MAX_IDENTIFIER)) {
    fields.email = 'email must be a valid email address.';
  }
  if (username === undefined && email === undefined) fields.username = 'Give a username or an email.';
  if (password === undefined ? options.passwordRequired : !isValidPassword(password)) {
    fields.password = `password must be a string of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;
  }
  if (Object.keys(fields).length > 0) {
    throw apiError('invalid_body', Object.values(fields).join(' '), { fields });
  }
  return {
    data,
    usernameLower: typeof username === 'string' ? foldIdentifier(username) : null,
    emailLower: typeof email === 'string' ? foldIdentifier(email) : null,
    password: password as string | undefined,
  };
}

/**
 * `emailVerified` is the server's field of a user record: false on register and whenever the email
 * changes, true once the user confirms a verification mail (actions/verify-email.ts). What a
 * register or update body says of it is ignored.
 */
export function withEmailVerified(data: { [key: string]: JsonValue }, verified: boolean): { [key: string]: JsonValue } {
  const { emailVerified: _ignored, ...rest } = data;
  return { ...rest, emailVerified: verified };
}
