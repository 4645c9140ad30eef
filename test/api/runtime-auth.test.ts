import { expect } from 'chai';
import type { Response } from 'supertest';
import { ACCESS_TOKEN_COOKIE, type Reason } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { accessTokenCookieOf, parseSetCookie } from '../helpers/cookies.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

const AUTH = 'examples/auth';
const ALICE = { username: 'Alice', email: 'alice@example.com', password: 'correct horse', plan: 'pro' };

forEachAdapter('runtime authentication endpoints', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, {
      tokenTtlSeconds: 7200,
      endpoints: [{ name: AUTH, auth: true }, { name: 'other-auth', auth: true }, { name: 'notes' }],
    });
  });

  const register = (body: object = ALICE, name = AUTH) => ctx().http.post(f.url(name)).send(body);
  const login = (body: object = { username: 'alice', password: ALICE.password }, params: Record<string, string> = {}, name = AUTH) =>
    ctx().http.post(f.url(name, { login: 'true', ...params })).send(body);
  /** Logs in with noATCookie and returns the bearer token. */
  const headerToken = async (name = AUTH): Promise<string> => {
    const res = await login(undefined, { noATCookie: 'true' }, name);
    expect(res.status).to.equal(200);
    return res.headers.authorization!.replace('Bearer ', '');
  };
  const me = (auth: { bearer?: string; cookie?: string }, name = AUTH) => {
    const req = ctx().http.get(f.url(name));
    if (auth.bearer) req.set('Authorization', `Bearer ${auth.bearer}`);
    if (auth.cookie) req.set('Cookie', `${ACCESS_TOKEN_COOKIE}=${auth.cookie}`);
    return req;
  };
  const logout = (auth: { bearer?: string; cookie?: string }, params: Record<string, string> = {}, name = AUTH) => {
    const req = ctx().http.post(f.url(name, { logout: 'true', ...params }));
    if (auth.bearer) req.set('Authorization', `Bearer ${auth.bearer}`);
    if (auth.cookie) req.set('Cookie', `${ACCESS_TOKEN_COOKIE}=${auth.cookie}`);
    return req;
  };

  describe('register (POST)', () => {
    it('answers 201 with the user record and never the password', async () => {
      const res = await register();
      expect(res.status).to.equal(201);
      expect(res.body.uniqueId).to.match(/^[0-9a-f]{32}$/);
      expect(res.body.data).to.deep.equal({ username: 'Alice', email: 'alice@example.com', plan: 'pro', emailVerified: false });
      expect(new Date(res.body.createdAt).toISOString()).to.equal(res.body.createdAt);
      expect(JSON.stringify(res.body)).to.not.include('correct horse');
      const stored = await ctx().storage.findUserById(f.endpoints[AUTH]!.id, res.body.uniqueId);
      expect(stored!.passwordHash).to.match(/^scrypt\$/).and.not.include('correct horse');
    });

    it('answers data alone with dataOnly=true', async () => {
      const res = await ctx().http.post(f.url(AUTH, { dataOnly: 'true' })).send(ALICE);
      expect(res.status).to.equal(201);
      expect(res.body).to.deep.equal({ username: 'Alice', email: 'alice@example.com', plan: 'pro', emailVerified: false });
    });

    it('refuses a taken username or email in any case with 409 user_exists, and allows it on another auth endpoint', async () => {
      await register();
      const byName = await register({ username: 'ALICE', password: 'password-2' });
      expectError(byName, 409, 'user_exists');
      const byEmail = await register({ email: 'Alice@Example.COM', password: 'password-2' });
      expectError(byEmail, 409, 'user_exists');
      expect((await register(ALICE, 'other-auth')).status).to.equal(201);
    });

    it('compares usernames and emails after Unicode NFKC normalisation: full-width letters are the same account', async () => {
      expect((await register({ username: 'Ｆｕｌｌ', email: 'ｆｕｌｌ@example.com', password: 'password-1' })).status).to.equal(201);
      expectError(await register({ username: 'full', password: 'password-2' }), 409, 'user_exists');
      expectError(await register({ email: 'FULL@example.com', password: 'password-2' }), 409, 'user_exists');
      expect((await login({ username: 'FULL', password: 'password-1' })).status).to.equal(200);
      expect((await login({ email: 'full@example.com', password: 'password-1' })).status).to.equal(200);
      expect((await login({ email: 'ｆｕｌｌ@ｅｘａｍｐｌｅ.ｃｏｍ', password: 'password-1' })).status).to.equal(200);
    });

    const bad: [string, () => Promise<Response>, number, Reason][] = [
      ['no username or email', () => register({ password: 'password-1' }), 400, 'invalid_body'],
      ['no password', () => register({ username: 'bob' }), 400, 'invalid_body'],
      ['a short password', () => register({ username: 'bob', password: 'short' }), 400, 'invalid_body'],
      ['a password over 1024 characters', () => register({ username: 'bob', password: 'p'.repeat(1025) }), 400, 'invalid_body'],
      ['a malformed email', () => register({ email: 'not-an-email', password: 'password-1' }), 400, 'invalid_body'],
      ['a non-string username', () => register({ username: 42, password: 'password-1' }), 400, 'invalid_body'],
      ['an array body', () => register([1, 2] as unknown as object), 400, 'invalid_body'],
      ['malformed JSON', () => ctx().http.post(f.url(AUTH)).set('Content-Type', 'application/json').send('{"username":'), 400, 'invalid_json'],
      ['an empty body', () => ctx().http.post(f.url(AUTH)).set('Content-Type', 'application/json'), 400, 'empty_body'],
      ['text/plain', () => ctx().http.post(f.url(AUTH)).set('Content-Type', 'text/plain').send('hello'), 415, 'unsupported_media_type'],
      ['a form body', () => ctx().http.post(f.url(AUTH)).type('form').send({ username: 'bob', password: 'password-1' }), 415, 'unsupported_media_type'],
      ['a body over the limit', () => register({ username: 'bob', password: 'password-1', blob: 'x'.repeat(1024 * 1024) }), 413, 'payload_too_large'],
    ];
    for (const [what, send, status, reason] of bad) {
      it(`refuses ${what} with ${status} ${reason} and stores nothing`, async () => {
        const res = await send();
        expectError(res, status, reason);
        expect(await ctx().storage.countUsers(f.endpoints[AUTH]!.id)).to.equal(0);
      });
    }
  });

  describe('login (POST ?login=true)', () => {
    beforeEach(async () => {
      expect((await register()).status).to.equal(201);
    });

    it('sets exactly the documented cookie and answers the user record', async () => {
      const res = await login();
      expect(res.status).to.equal(200);
      expect(res.body.data.username).to.equal('Alice');
      expect(res.headers).to.not.have.property('authorization');
      const cookies = res.headers['set-cookie'] as unknown as string[];
      expect(cookies).to.have.length(1);
      const cookie = parseSetCookie(cookies[0]!);
      expect(cookie.name).to.equal('__Secure-rested-access-token');
      expect(cookie.value).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(cookie.attributes).to.deep.equal({ path: '/', 'max-age': '7200', httponly: true, secure: true, samesite: 'None', partitioned: true });
    });

    it('accepts the email instead of the username, in any case', async () => {
      expect((await login({ email: 'ALICE@example.com', password: ALICE.password })).status).to.equal(200);
    });

    it('returns the token in the Authorization header and sets no cookie with noATCookie=true', async () => {
      const res = await login(undefined, { noATCookie: 'true' });
      expect(res.status).to.equal(200);
      expect(res.headers.authorization).to.match(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(res.headers).to.not.have.property('set-cookie');
    });

    it('issues an HS256 token bound to the project, user and a stored session', async () => {
      const res = await login(undefined, { noATCookie: 'true' }).set('User-Agent', 'TestBrowser/1.0');
      const token = res.headers.authorization!.replace('Bearer ', '');
      const [header, payload] = token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
      expect(header.alg).to.equal('HS256');
      expect(payload.aud).to.equal(f.project.id);
      expect(payload.exp - payload.iat).to.equal(7200);
      const session = await ctx().storage.findSession(payload.sid);
      expect(session).to.include({ userId: payload.sub, endpointId: f.endpoints[AUTH]!.id, revokedAt: null });
      expect(session!.ip).to.be.a('string').and.not.empty;
      expect(session!.userAgent).to.equal('TestBrowser/1.0');
      expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).to.be.closeTo(7200 * 1000, 2000);
      expect(Math.floor(session!.expiresAt.getTime() / 1000)).to.equal(payload.exp);
    });

    it('answers the same 401 for a wrong password and for an unknown user', async () => {
      const wrong = await login({ username: 'alice', password: 'wrong password' });
      const unknown = await login({ username: 'nobody', password: 'wrong password' });
      for (const res of [wrong, unknown]) {
        expectError(res, 401, 'invalid_credentials');
        expect(res.headers).to.not.have.property('set-cookie');
      }
      expect(wrong.body.error.message).to.equal(unknown.body.error.message);
    });

    it('spends about the same time on an unknown user as on a wrong password', async () => {
      const timed = async (username: string) => {
        const started = performance.now();
        expectError(await login({ username, password: 'wrong password' }), 401, 'invalid_credentials');
        return performance.now() - started;
      };
      await timed('nobody'); // the dummy hash is made on first use
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        wrong.push(await timed('alice'));
        unknown.push(await timed(`nobody-${i}`));
      }
      // Both run one scrypt check (tens of ms); skipping it for unknown users would make them ~50× faster.
      expect(median(unknown)).to.be.greaterThan(median(wrong) * 0.4);
      expect(median(wrong)).to.be.greaterThan(median(unknown) * 0.4);
    });

    it('answers data alone with dataOnly=true', async () => {
      const res = await login(undefined, { dataOnly: 'true' });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ username: 'Alice', email: 'alice@example.com', plan: 'pro', emailVerified: false });
    });

    const badLogins: [string, () => Promise<Response>, number, Reason][] = [
      ['text/plain', () => ctx().http.post(f.url(AUTH, { login: 'true' })).set('Content-Type', 'text/plain').send('alice'), 415, 'unsupported_media_type'],
      ['an empty body', () => ctx().http.post(f.url(AUTH, { login: 'true' })).set('Content-Type', 'application/json'), 400, 'empty_body'],
      ['malformed JSON', () => ctx().http.post(f.url(AUTH, { login: 'true' })).set('Content-Type', 'application/json').send('{"username":'), 400, 'invalid_json'],
      ['an array body', () => login([ALICE.username, ALICE.password] as unknown as object), 400, 'invalid_body'],
      ['a missing password', () => login({ username: 'alice' }), 400, 'invalid_body'],
      ['a password over 1024 characters', () => login({ username: 'alice', password: 'p'.repeat(1025) }), 400, 'invalid_body'],
    ];
    for (const [what, send, status, reason] of badLogins) {
      it(`refuses ${what} with ${status} ${reason} and opens no session`, async () => {
        const res = await send();
        expectError(res, status, reason);
        expect(res.headers).to.not.have.property('set-cookie');
        const [user] = await ctx().storage.listUsers(f.endpoints[AUTH]!.id, { limit: 10 });
        expect(await ctx().storage.listSessions(f.endpoints[AUTH]!.id, user!.uniqueId)).to.deep.equal([]);
      });
    }

    it('refuses username and email together', async () => {
      const res = await login({ username: 'alice', email: 'alice@example.com', password: ALICE.password });
      expectError(res, 400, 'invalid_body');
    });

    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const loginFrom = (ip: string, body: object) => ctx().http.post(f.url(AUTH, { login: 'true' })).set(from(ip)).send(body);

    it('throttles an account from one address after 10 failures with 429 and Retry-After, even for the right password', async () => {
      for (let i = 0; i < 10; i++) expectError(await login({ username: 'alice', password: `wrong-${i}` }), 401, 'invalid_credentials');
      const res = await login();
      expectError(res, 429, 'too_many_requests');
      expect(Number(res.headers['retry-after'])).to.be.within(1, 15 * 60);
      // Another account is not affected.
      await register({ username: 'bob', password: 'password-b' });
      expect((await login({ username: 'bob', password: 'password-b' })).status).to.equal(200);
    });

    it('does not let a stranger lock the account out: after 12 failures from one address, the right password from another logs in', async () => {
      for (let i = 0; i < 12; i++) await loginFrom('203.0.113.7', { username: 'alice', password: `guess-${i}` });
      expectError(await loginFrom('203.0.113.7', { username: 'alice', password: ALICE.password }), 429, 'too_many_requests');
      const elsewhere = await loginFrom('198.51.100.2', { username: 'alice', password: ALICE.password });
      expect(elsewhere.status).to.equal(200);
      expect(elsewhere.body.data.username).to.equal('Alice');
    });

    it('stops guessing spread over many addresses: 100 failures for one account lock it from every address', async function () {
      this.timeout(60_000); // 100 password checks
      for (let ip = 0; ip < 10; ip++) {
        const tries = Array.from({ length: 10 }, (_, i) => loginFrom(`203.0.113.${ip}`, { username: 'alice', password: `guess-${i}` }));
        for (const res of await Promise.all(tries)) expectError(res, 401, 'invalid_credentials');
      }
      const res = await loginFrom('198.51.100.2', { username: 'alice', password: ALICE.password });
      expectError(res, 429, 'too_many_requests');
      expect(Number(res.headers['retry-after'])).to.be.within(1, 15 * 60);
    });

    it('counts concurrent failures too: a burst of wrong passwords from one address gets at most 10 tries', async () => {
      const burst = await Promise.all(Array.from({ length: 25 }, (_, i) => login({ username: 'alice', password: `wrong-${i}` })));
      const statuses = burst.map((res) => res.status);
      expect(statuses.filter((s) => s === 401)).to.have.length(10);
      expect(statuses.filter((s) => s === 429)).to.have.length(15);
      expectError(await login(), 429, 'too_many_requests');
    });

    it('counts failures per account, whether it is named by username or by email', async () => {
      for (let i = 0; i < 5; i++) await login({ username: 'alice', password: 'wrong' });
      for (let i = 0; i < 5; i++) expectError(await login({ email: ALICE.email, password: 'wrong' }), 401, 'invalid_credentials');
      expectError(await login({ email: ALICE.email, password: ALICE.password }), 429, 'too_many_requests');
    });

    it('a success resets the account\'s count from that address', async () => {
      for (let i = 0; i < 9; i++) await login({ username: 'alice', password: 'wrong' });
      expect((await login()).status).to.equal(200);
      for (let i = 0; i < 9; i++) expectError(await login({ username: 'alice', password: 'wrong' }), 401, 'invalid_credentials');
      expect((await login()).status).to.equal(200);
    });

    it('throttles one IP after 100 failures across identifiers', async () => {
      for (let i = 0; i < 100; i++) await login({ username: `user-${i}`, password: 'wrong' });
      expectError(await login(), 429, 'too_many_requests');
    });
  });

  describe('current user (GET)', () => {
    let cookie: string;
    let bearer: string;
    beforeEach(async () => {
      await register();
      cookie = accessTokenCookieOf((await login()).headers['set-cookie'])!;
      bearer = await headerToken();
    });

    it('answers the own record with the cookie or the header', async () => {
      for (const auth of [{ cookie }, { bearer }]) {
        const res = await me(auth);
        expect(res.status).to.equal(200);
        expect(res.body.data).to.deep.equal({ username: 'Alice', email: 'alice@example.com', plan: 'pro', emailVerified: false });
      }
    });

    it('accepts a raw token in Authorization, and lets the header win over the cookie', async () => {
      expect((await ctx().http.get(f.url(AUTH)).set('Authorization', bearer)).status).to.equal(200);
      const res = await ctx().http.get(f.url(AUTH)).set('Authorization', 'Bearer garbage').set('Cookie', `${ACCESS_TOKEN_COOKIE}=${cookie}`);
      expectError(res, 401, 'token_invalid');
    });

    it('answers 401 token_missing without a token, or with an empty Bearer', async () => {
      const res = await me({});
      expectError(res, 401, 'token_missing');
      const empty = await ctx().http.get(f.url(AUTH)).set('Authorization', 'Bearer ');
      expectError(empty, 401, 'token_missing');
    });

    it('rejects a token signed with another algorithm or key', async () => {
      const [, payload] = bearer.split('.');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      expectError(await me({ bearer: none }), 401, 'token_invalid');
      const tampered = `${bearer.slice(0, -3)}${bearer.endsWith('AAA') ? 'BBB' : 'AAA'}`;
      expectError(await me({ bearer: tampered }), 401, 'token_invalid');
    });

    it('treats a token from another auth endpoint of the project as no token', async () => {
      await register(ALICE, 'other-auth');
      const otherToken = await headerToken('other-auth');
      expectError(await me({ bearer: otherToken }), 401, 'unauthorized');
      const logoutRes = await logout({ bearer: otherToken });
      expect(logoutRes.status).to.equal(204);
      expect((await me({ bearer: otherToken }, 'other-auth')).status).to.equal(200);
    });

    it('answers data alone with dataOnly=true', async () => {
      const res = await ctx().http.get(f.url(AUTH, { dataOnly: 'true' })).set('Authorization', `Bearer ${bearer}`);
      expect(res.body).to.deep.equal({ username: 'Alice', email: 'alice@example.com', plan: 'pro', emailVerified: false });
    });

    it('is answered by another server instance on the same database, and refused there right after logout', async () => {
      // A second app on the same storage stands for a second server process: only the database is shared.
      const { app: second, http: other } = appOn(ctx().storage);
      try {
        expect((await other.get(f.url(AUTH)).set('Authorization', `Bearer ${bearer}`)).status).to.equal(200);
        expect((await logout({ bearer })).status).to.equal(204);
        const res = await other.get(f.url(AUTH)).set('Authorization', `Bearer ${bearer}`);
        expectError(res, 401, 'session_revoked');
      } finally {
        await second.shutdown();
      }
    });

    it('with the master key reads one user by uniqueId', async () => {
      const id = (await me({ bearer })).body.uniqueId;
      const res = await ctx().http.get(f.url(AUTH, { uniqueId: id })).set('X-Master-Key', f.masterKey);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ uniqueId: id });
      const unknown = await ctx().http.get(f.url(AUTH, { uniqueId: '0'.repeat(32) })).set('X-Master-Key', f.masterKey);
      expectError(unknown, 404, 'record_not_found');
    });

    it('with the master key lists all users, never with hashes', async () => {
      await register({ username: 'bob', password: 'password-b' });
      const res = await ctx().http.get(f.url(AUTH)).set('X-Master-Key', f.masterKey);
      expect(res.status).to.equal(200);
      expect(res.body.map((u: { data: { username: string } }) => u.data.username)).to.have.members(['Alice', 'bob']);
      expect(JSON.stringify(res.body)).to.not.include('scrypt');
    });
  });

  describe('tenant isolation', () => {
    it('rejects a token of project A on project B, even on an endpoint of the same name', async () => {
      const b = await seedRuntime(ctx().storage, { endpoints: [{ name: AUTH, auth: true }, { name: 'notes', secure: true }] });
      await register();
      const token = await headerToken();
      const onB = await ctx().http.get(b.url(AUTH)).set('Authorization', `Bearer ${token}`);
      expectError(onB, 401, 'token_invalid');
      const secureOnB = await ctx().http.get(b.url('notes')).set('Authorization', `Bearer ${token}`);
      expectError(secureOnB, 401, 'token_invalid');
    });
  });

  describe('logout (POST ?logout=true)', () => {
    let cookie: string;
    beforeEach(async () => {
      await register();
      cookie = accessTokenCookieOf((await login()).headers['set-cookie'])!;
    });

    const expectCleared = (setCookie: unknown) => {
      const cookies = setCookie as string[];
      expect(cookies).to.have.length(1);
      const c = parseSetCookie(cookies[0]!);
      expect(c.name).to.equal('__Secure-rested-access-token');
      expect(c.value).to.equal('');
      const { expires, ...rest } = c.attributes;
      expect(rest).to.deep.equal({ path: '/', 'max-age': '0', httponly: true, secure: true, samesite: 'None', partitioned: true });
      expect(new Date(expires as string).getTime()).to.be.lessThan(Date.now());
    };

    it('revokes the session so the old cookie is rejected, answers 204 with an empty body and clears the cookie', async () => {
      const res = await logout({ cookie });
      expect(res.status).to.equal(204);
      expect(res.text).to.equal('');
      expectCleared(res.headers['set-cookie']);
      const after = await me({ cookie });
      expectError(after, 401, 'session_revoked');
    });

    it('revokes a header-mode session so the old bearer token is rejected', async () => {
      const bearer = await headerToken();
      expect((await logout({ bearer })).status).to.equal(204);
      expectError(await me({ bearer }), 401, 'session_revoked');
      expect((await me({ cookie })).status).to.equal(200);
    });

    it('scope=all ends every session of the user, including other logins', async () => {
      const bearer = await headerToken();
      const res = await logout({ bearer }, { scope: 'all' });
      expect(res.status).to.equal(204);
      expectCleared(res.headers['set-cookie']);
      expectError(await me({ cookie }), 401, 'session_revoked');
      expectError(await me({ bearer }), 401, 'session_revoked');
    });

    it('allDevices=true is scope=all', async () => {
      const bearer = await headerToken();
      expect((await logout({ bearer }, { allDevices: 'true' })).status).to.equal(204);
      expectError(await me({ cookie }), 401, 'session_revoked');
    });

    it('scope=others keeps the current session and its cookie', async () => {
      const bearer = await headerToken();
      const res = await logout({ cookie }, { scope: 'others' });
      expect(res.status).to.equal(204);
      expect(res.headers).to.not.have.property('set-cookie');
      expect((await me({ cookie })).status).to.equal(200);
      expectError(await me({ bearer }), 401, 'session_revoked');
    });

    it('scoped logout needs a valid token', async () => {
      for (const scope of ['all', 'others']) {
        expectError(await logout({}, { scope }), 401, 'token_missing');
      }
      const bad = await logout({ cookie }, { scope: 'everything' });
      expectError(bad, 400, 'invalid_parameter');
    });

    for (const [what, auth] of [
      ['no token', () => ({})],
      ['a garbage token', () => ({ bearer: 'not.a.jwt' })],
    ] as const) {
      it(`with ${what} still answers 204 and clears the cookie`, async () => {
        const res = await logout(auth());
        expect(res.status).to.equal(204);
        expectCleared(res.headers['set-cookie']);
      });
    }

    it('with an already revoked token still answers 204 and clears the cookie', async () => {
      await logout({ cookie });
      const again = await logout({ cookie });
      expect(again.status).to.equal(204);
      expectCleared(again.headers['set-cookie']);
    });

    it('on a data endpoint answers 400 not_an_auth_endpoint', async () => {
      const res = await logout({ cookie }, {}, 'notes');
      expectError(res, 400, 'not_an_auth_endpoint');
    });

    it('ignores the master key', async () => {
      const res = await ctx().http.post(f.url(AUTH, { logout: 'true', scope: 'all', masterKey: f.masterKey }));
      expectError(res, 401, 'token_missing');
      expect((await me({ cookie })).status).to.equal(200);
    });
  });
});
