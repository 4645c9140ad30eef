import { H, type JsonValue } from '@rested/shared';
import { signAccessToken } from '../../auth/access-tokens.js';
import { projectSigningKey } from '../../auth/keys.js';
import { refuseIfThrottled } from '../../http/refuse-if-throttled.js';
import { verifyPassword } from '../../auth/passwords.js';
import { apiError } from '../../http/api-error.js';
import { accessTokenCookie } from '../../http/cookies.js';
import { ok, type Result } from '../../http/result.js';
import type { UserRow } from '../../storage/rows.js';
import { shape } from '../../wire/envelope.js';
import type { RuntimeRequest } from '../runtime-request.js';
import { isJsonObject } from '../strategies.js';

function credentials(body: JsonValue): { login: { usernameLower: string } | { emailLower: string }; password: string } {
  if (!isJsonObject(body)) throw apiError('invalid_body', 'The body must be a JSON object.');
  const { username, email, password } = body;
  if ((username === undefined) === (email === undefined)) {
    throw apiError('invalid_body', 'Give either username or email (not both), and password.', { fields: { username: 'Give a username or an email.' } });
  }
  const identifier = username ?? email;
  if (typeof identifier !== 'string' || typeof password !== 'string') {
    throw apiError('invalid_body', 'username, email and password must be strings.', { fields: { password: 'password must be a string.' } });
  }
  const login = username !== undefined ? { usernameLower: identifier.toLowerCase() } : { emailLower: identifier.toLowerCase() };
  return { login, password };
}

/**
 * POST ?login=true: checks the password (same answer, same work, for an unknown user), opens a
 * session and hands out its token as the httpOnly cookie or, with noATCookie=true, as a header.
 */
export async function login(req: RuntimeRequest): Promise<Result> {
  const { login: identifier, password } = credentials(await req.readBody('json'));
  const { storage, throttle, clock, config } = req.services;
  const ipKey = `${req.project.id}:${req.ip}`;
  refuseIfThrottled(await throttle.attemptFromIp(ipKey));
  const user = await storage.findUserByLogin(req.endpoint.id, identifier);
  // One count per account, whether it is addressed by username or by email.
  const throttleKey = `${req.endpoint.id}:${user ? `user:${user.uniqueId}` : Object.values(identifier)[0]}`;
  refuseIfThrottled(await throttle.attemptFor(throttleKey));
  const valid = await verifyPassword(password, user?.passwordHash ?? (await req.services.dummyHash()));
  if (!user || !valid) throw apiError('invalid_credentials', 'The username/email or the password is wrong.');
  await throttle.succeeded(throttleKey, ipKey);
  return openSession(req, user, clock.now(), config.secret);
}

async function openSession(req: RuntimeRequest, user: UserRow, now: Date, secret: string): Promise<Result> {
  const ttl = req.project.tokenTtlSeconds;
  const expiresAt = new Date(now.getTime() + ttl * 1000);
  const session = await req.services.storage.createSession({
    projectId: req.project.id,
    endpointId: req.endpoint.id,
    userId: user.uniqueId,
    expiresAt,
    userAgent: req.userAgent.slice(0, 512),
    ip: req.ip,
  });
  const token = signAccessToken(projectSigningKey(secret, req.project.jwtSecret), { projectId: req.project.id, userId: user.uniqueId, sessionId: session.id }, expiresAt);
  const body = shape(user, req.flags.dataOnly);
  return req.flags.noATCookie
    ? ok(body, { headers: { [H.authorization]: `Bearer ${token}` } })
    : ok(body, { cookies: [accessTokenCookie.set(token, ttl)] });
}
