import { H, type JsonValue } from '@rested/shared';
import { signAccessToken } from '../../auth/access-tokens.js';
import { foldIdentifier } from '../../auth/identifiers.js';
import { projectSigningKey } from '../../auth/keys.js';
import { PASSWORD_MAX_LENGTH, verifyPassword } from '../../auth/passwords.js';
import { apiError } from '../../http/api-error.js';
import { accessTokenCookie } from '../../http/cookies.js';
import { refuseIfBusy, refuseIfThrottled } from '../../http/refuse-if-throttled.js';
import { ok, type Result } from '../../http/result.js';
import { newId } from '../../storage/ids.js';
import type { UserRow } from '../../storage/rows.js';
import { shape } from '../../wire/envelope.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { isJsonObject } from '../strategies.js';
import { runtimeEvent } from '../audit-event.js';

type Identifier = { usernameLower: string } | { emailLower: string };

function credentials(body: JsonValue): { login: Identifier; password: string } {
  if (!isJsonObject(body)) throw apiError('invalid_body', 'The body must be a JSON object.');
  const { username, email, password } = body;
  if ((username === undefined) === (email === undefined)) {
    throw apiError('invalid_body', 'Give either username or email (not both), and password.', { fields: { username: 'Give a username or an email.' } });
  }
  const identifier = username ?? email;
  if (typeof identifier !== 'string' || typeof password !== 'string') {
    throw apiError('invalid_body', 'username, email and password must be strings.', { fields: { password: 'password must be a string.' } });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw apiError('invalid_body', `password must be at most ${PASSWORD_MAX_LENGTH} characters.`, { fields: { password: `password must be at most ${PASSWORD_MAX_LENGTH} characters.` } });
  }
  const folded = foldIdentifier(identifier);
  return { login: username !== undefined ? { usernameLower: folded } : { emailLower: folded }, password };
}

const invalidCredentials = () => apiError('invalid_credentials', 'The username/email or the password is wrong.');
const userDisabled = () => apiError('user_disabled', 'This account has been disabled by the app\'s owner.');

/** The name tried, cut to its first 3 characters: enough to tell attempts apart, never a password typed into the wrong field. */
const truncated = (identifier: Identifier) => `${[...Object.values(identifier)[0] as string].slice(0, 3).join('')}…`;

/** user.login_failed, with why: unknown_user, wrong_password, user_disabled or email_not_verified. */
async function recordFailure(req: RuntimeRequest, identifier: Identifier, user: UserRow | null, reason: string): Promise<void> {
  const details = { reason, identifier: truncated(identifier) };
  await req.services.storage.appendAuditEvent(runtimeEvent(req, 'user.login_failed', { userId: user?.uniqueId, uniqueId: user?.uniqueId, details }));
}

/**
 * POST ?login=true: checks the password (same answer, same work, for an unknown user), opens a
 * session and hands out its token as the httpOnly cookie or, with noATCookie=true, as a header.
 * Throttled per IP, per account and IP, and per account (auth/login-throttle.ts). With the
 * endpoint's requireVerifiedEmail, a right password of an unverified user is 403 email_not_verified;
 * a disabled user's is 403 user_disabled. Each failure is a user.login_failed event, each success user.login.
 */
export async function login(req: RuntimeRequest): Promise<Result> {
  const { login: identifier, password } = credentials(await req.readBody('json'));
  const { storage, throttle, dummyHash } = req.services;
  const queue = req.project.id;
  const ipKey = `${req.project.id}:${req.ip}`;
  refuseIfThrottled(await throttle.attemptFromIp(ipKey));
  const user = await storage.findUserByLogin(req.endpoint.id, identifier);
  // One count per account, whether it is addressed by username or by email.
  const account = `${req.endpoint.id}:${user ? `user:${user.uniqueId}` : Object.values(identifier)[0]}`;
  refuseIfThrottled(await throttle.attemptFor(account, ipKey));
  const withdraw = () => throttle.withdrawn(account, ipKey);
  const hash = user?.passwordHash ?? (await refuseIfBusy(dummyHash(queue), withdraw));
  const valid = await refuseIfBusy(verifyPassword(password, hash, queue), withdraw);
  if (!user || !valid) {
    await recordFailure(req, identifier, user, user ? 'wrong_password' : 'unknown_user');
    throw invalidCredentials();
  }
  await refuseBlockedAccount(req, identifier, user, () => throttle.succeeded(account, ipKey));
  const result = await openSession(req, user);
  await throttle.succeeded(account, ipKey);
  return result;
}

/**
 * A right password that may not log in: a disabled account (403 user_disabled), or an unverified
 * email where the endpoint requires one (403 email_not_verified). No failure to count (`settle`
 * gives the attempt back) and no session. Checked only after the password, so a wrong password
 * never learns that the account is disabled.
 */
async function refuseBlockedAccount(req: RuntimeRequest, identifier: Identifier, user: UserRow, settle: () => Promise<void>): Promise<void> {
  const unverified = req.endpoint.requireVerifiedEmail && user.data.emailVerified !== true;
  const refusal = user.disabledAt ? 'user_disabled' : unverified ? 'email_not_verified' : null;
  if (!refusal) return;
  await settle();
  await recordFailure(req, identifier, user, refusal);
  throw refusal === 'user_disabled'
    ? userDisabled()
    : apiError('email_not_verified', 'Verify your email address first: follow the link in the verification email, or ask for a new one.');
}

/**
 * Opens the session (with its user.login event), then reads the user again: a password change or a
 * disabling that landed while the password was being checked (each writes the user, then revokes
 * the user's sessions) either revokes this session too, or is seen here, and the session is
 * revoked and the login refused.
 */
async function openSession(req: RuntimeRequest, user: UserRow): Promise<Result> {
  const { storage, clock, config } = req.services;
  const ttl = req.project.tokenTtlSeconds;
  const expiresAt = new Date(clock.now().getTime() + ttl * 1000);
  const input = { id: newId(), projectId: req.project.id, endpointId: req.endpoint.id, userId: user.uniqueId, expiresAt, userAgent: req.userAgent.slice(0, 512), ip: req.ip };
  const event = runtimeEvent(req, 'user.login', { userId: user.uniqueId, uniqueId: user.uniqueId, sessionId: input.id });
  const session = await storage.audited(event, () => storage.createSession(input));
  const latest = await storage.findUserById(req.endpoint.id, user.uniqueId);
  if (latest?.passwordHash !== user.passwordHash || latest.disabledAt) {
    await storage.revokeSession(session.id);
    throw latest?.disabledAt ? userDisabled() : invalidCredentials();
  }
  const token = signAccessToken(projectSigningKey(config.secret, req.project.jwtSecret), { projectId: req.project.id, userId: user.uniqueId, sessionId: session.id }, expiresAt);
  const body = shape(user, req.flags.dataOnly);
  if (!req.flags.noATCookie && !req.keepsSecureCookies) {
    req.services.warnCookieOverPlainHttp(req.project.id, req.hostname);
    req.services.traffic.note(req.project.id, 'cookie_over_plain_http');
  }
  return req.flags.noATCookie
    ? ok(body, { headers: { [H.authorization]: `Bearer ${token}` } })
    : ok(body, { cookies: [accessTokenCookie.set(token, ttl)] });
}
