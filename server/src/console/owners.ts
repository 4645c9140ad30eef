import { EMAIL_RE, PASSWORD_MIN_LENGTH, Q, isFlagOn } from '@rested/shared';
import { foldIdentifier } from '../auth/identifiers.js';
import { CONSOLE_HASH_QUEUE, PASSWORD_MAX_LENGTH as MAX_PASSWORD, hashPassword, verifyPassword } from '../auth/passwords.js';
import { refuseIfBusy, refuseIfThrottled } from '../http/refuse-if-throttled.js';
import { apiError } from '../http/api-error.js';
import { conflictsAs } from '../http/conflicts.js';
import { consoleCookie } from '../http/cookies.js';
import { created, noContent, ok, type Result } from '../http/result.js';
import type { OwnerRow } from '../storage/rows.js';
import { asOwned, queryValue, type ConsoleRequest } from './console-request.js';
import { Problems, optionalString, readObject, type JsonObject } from './input.js';
import { OWNER_SESSION_TTL_SECONDS, openOwnerSession } from './owner-sessions.js';
import { ownerJson } from './serializers.js';

const MAX_EMAIL = 254;
const MAX_NAME = 254;
const NO_STORE = { 'Cache-Control': 'no-store' };

function registration(body: JsonObject): { email: string; password: string; name: string } {
  const problems = new Problems();
  const { email, password } = body;
  if (typeof email !== 'string' || email.length > MAX_EMAIL || !EMAIL_RE.test(email.trim())) {
    problems.add('email', 'validation_failed', 'email must be a valid email address.');
  }
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH || password.length > MAX_PASSWORD) {
    problems.add('password', 'validation_failed', `password must be a string of ${PASSWORD_MIN_LENGTH} to ${MAX_PASSWORD} characters.`);
  }
  const name = optionalString(body, 'name', MAX_NAME, problems);
  problems.throwIfAny();
  return { email: (email as string).trim(), password: password as string, name: name?.trim() ?? '' };
}

function credentials(body: JsonObject): { email: string; password: string } {
  const problems = new Problems();
  const { email, password } = body;
  if (typeof email !== 'string' || email === '') problems.add('email', 'validation_failed', 'email is required.');
  if (typeof password !== 'string' || password === '') problems.add('password', 'validation_failed', 'password is required.');
  else if (password.length > MAX_PASSWORD) problems.add('password', 'validation_failed', `password must be at most ${MAX_PASSWORD} characters.`);
  problems.throwIfAny();
  return { email: (email as string).trim(), password: password as string };
}

/** Logged in: the cookie, or with `noCookie=true` the token in the body (for scripts). */
async function loggedIn(req: ConsoleRequest, owner: OwnerRow, status: 200 | 201): Promise<Result> {
  const { token } = await openOwnerSession(req.services, owner.id);
  const answer = status === 201 ? created : ok;
  if (isFlagOn(queryValue(req, Q.noCookie))) return answer({ owner: ownerJson(owner), token }, { headers: NO_STORE });
  return answer({ owner: ownerJson(owner) }, { cookies: [consoleCookie.set(token, OWNER_SESSION_TTL_SECONDS)] });
}

/**
 * POST /auth/register: a new owner account, logged in at once. 403 when SIGNUP=closed; throttled
 * per IP (auth/registration-throttle.ts); the hash waits in the console's queue (503 when full).
 */
export async function register(req: ConsoleRequest): Promise<Result> {
  if (req.services.config.signup === 'closed') throw apiError('signup_closed', 'Sign-up is closed on this server.');
  const { email, password, name } = registration(await readObject(req));
  refuseIfThrottled(await req.services.registrationThrottle.attempt(CONSOLE_HASH_QUEUE, req.ip), 'Too many sign-ups from this address. Try again later.');
  const passwordHash = await refuseIfBusy(hashPassword(password, CONSOLE_HASH_QUEUE));
  const owner = await req.services.storage
    .createOwner({ email, name, passwordHash })
    .catch(conflictsAs({ email: ['owner_exists', 'An account with this email already exists.'] }, { fields: true }));
  return loggedIn(req, owner, 201);
}

/**
 * POST /auth/login: same answer, and the same password check, whether or not the email is
 * known. Failures are throttled per email and IP, per email, and per IP (429 with Retry-After;
 * auth/login-throttle.ts), so a stranger cannot lock the owner out from their own address.
 */
export async function login(req: ConsoleRequest): Promise<Result> {
  const { email, password } = credentials(await readObject(req));
  const { storage, consoleThrottle, dummyHash } = req.services;
  const account = foldIdentifier(email);
  refuseIfThrottled(await consoleThrottle.attempt(account, req.ip));
  const withdraw = () => consoleThrottle.withdrawn(account, req.ip);
  const owner = await storage.findOwnerByEmail(email);
  const hash = owner?.passwordHash ?? (await refuseIfBusy(dummyHash(CONSOLE_HASH_QUEUE), withdraw));
  const valid = await refuseIfBusy(verifyPassword(password, hash, CONSOLE_HASH_QUEUE), withdraw);
  if (!owner || !valid) throw apiError('invalid_credentials', 'The email or the password is wrong.');
  await consoleThrottle.succeeded(account, req.ip);
  return loggedIn(req, owner, 200);
}

/** POST /auth/logout: revokes the session (if any) and clears the cookie; always 204. */
export async function logout(req: ConsoleRequest): Promise<Result> {
  if (req.auth) await req.services.storage.revokeOwnerSession(req.auth.session.id);
  return noContent({ cookies: [consoleCookie.clear()] });
}

/** GET /auth/me */
export async function me(req: ConsoleRequest): Promise<Result> {
  return ok({ owner: ownerJson(asOwned(req).auth.owner) });
}
