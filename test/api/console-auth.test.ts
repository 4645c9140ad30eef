import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import supertest from 'supertest';
import { CONSOLE_COOKIE } from '@rested/shared';
import { hashPassword } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { TEST_SECRET, useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { C, PASSWORD, signUpOwner, uniqueEmail } from '../helpers/console.js';
import { consoleCookieLine, cookieToken, parseSetCookie, setCookies } from '../helpers/cookies.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';

const WEEK_SECONDS = 7 * 24 * 3600;
/**
 * The attributes the session cookie is set with, over HTTPS and plain HTTP alike: the __Host-
 * prefix requires Secure, Path=/ and no Domain (docs/console-api.md).
 */
const SET_OVER_HTTPS = { 'max-age': String(WEEK_SECONDS), path: '/', httponly: true, samesite: 'Strict', secure: true };

forEachAdapter('console API: owner accounts', (adapter) => {
  describe('with the default configuration', () => {
    const ctx = useApp(adapter);

    describe('POST /api/console/auth/register', () => {
      it('creates the owner, answers 201 {owner} and logs them in with the session cookie', async () => {
        const email = uniqueEmail();
        const res = await ctx().http.post(`${C}/auth/register`).send({ email, password: PASSWORD, name: 'Ada' });
        expect(res.status).to.equal(201);
        expect(res.body).to.have.all.keys('owner');
        expect(res.body.owner).to.have.all.keys('id', 'email', 'name', 'createdAt');
        expect(res.body.owner).to.include({ email, name: 'Ada' });
        expect(new Date(res.body.owner.createdAt).toISOString()).to.equal(res.body.owner.createdAt);
        const line = consoleCookieLine(res);
        expect(parseSetCookie(line).attributes).to.deep.equal(SET_OVER_HTTPS);
        const me = await ctx().http.get(`${C}/auth/me`).set('Cookie', `${CONSOLE_COOKIE}=${cookieToken(line)}`);
        expect(me.status).to.equal(200);
        expect(me.body).to.deep.equal({ owner: res.body.owner });
      });

      it('stores a scrypt hash of the password and only a keyed hash of the session token', async () => {
        const email = uniqueEmail();
        const res = await ctx().http.post(`${C}/auth/register?noCookie=true`).send({ email, password: PASSWORD });
        const row = await ctx().storage.findOwnerByEmail(email);
        expect(row?.passwordHash).to.match(/^scrypt\$/).and.not.include(PASSWORD);
        expect(await ctx().storage.findOwnerSessionByTokenHash(res.body.token)).to.equal(null);
        const keyed = createHmac('sha256', TEST_SECRET).update(`console:${res.body.token}`).digest('hex');
        expect((await ctx().storage.findOwnerSessionByTokenHash(keyed))?.ownerId).to.equal(row?.id);
        expect(JSON.stringify(res.body)).to.not.include(row!.passwordHash);
      });

      it('with noCookie=true answers {owner, token}, sets no cookie, and the token works as a Bearer token', async () => {
        const res = await ctx().http.post(`${C}/auth/register?noCookie=true`).send({ email: uniqueEmail(), password: PASSWORD });
        expect(res.status).to.equal(201);
        expect(res.body).to.have.all.keys('owner', 'token');
        expect(setCookies(res)).to.deep.equal([]);
        const me = await ctx().http.get(`${C}/auth/me`).set(bearer(res.body.token));
        expect(me.body.owner.id).to.equal(res.body.owner.id);
      });

      it('defaults the name to an empty string', async () => {
        const res = await ctx().http.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        expect(res.body.owner.name).to.equal('');
      });

      it('refuses a second account with the same email, compared case-insensitively (409 owner_exists)', async () => {
        const email = uniqueEmail();
        await signUpOwner(ctx().http, email);
        const res = await ctx().http.post(`${C}/auth/register`).send({ email: email.toUpperCase(), password: PASSWORD });
        expectError(res, 409, 'owner_exists');
        expect(res.body.error.fields).to.have.property('email');
        expect(setCookies(res)).to.deep.equal([]);
      });

      it('compares emails after Unicode NFKC normalisation: a full-width address is the same account (409, and it logs in)', async () => {
        await signUpOwner(ctx().http, 'ｆｕｌｌ@example.com');
        const res = await ctx().http.post(`${C}/auth/register`).send({ email: 'FULL@example.com', password: PASSWORD });
        expectError(res, 409, 'owner_exists');
        expect((await ctx().http.post(`${C}/auth/login`).send({ email: 'full@example.com', password: PASSWORD })).status).to.equal(200);
        expect((await ctx().storage.findOwnerByEmail('Ｆｕｌｌ@example.com'))?.email).to.equal('ｆｕｌｌ@example.com');
      });

      it('refuses more than 20 sign-ups from one address in 10 minutes with 429 and Retry-After, while other addresses still sign up', async function () {
        this.timeout(30_000); // 20 password hashes
        const from = (ip: string) => ({ 'X-Forwarded-For': ip });
        for (let i = 0; i < 20; i++) {
          const res = await ctx().http.post(`${C}/auth/register`).set(from('203.0.113.9')).send({ email: uniqueEmail(), password: PASSWORD, name: 'Spam' });
          expect(res.status, JSON.stringify(res.body)).to.equal(201);
        }
        const email = uniqueEmail();
        const refused = await ctx().http.post(`${C}/auth/register`).set(from('203.0.113.9')).send({ email, password: PASSWORD });
        expectError(refused, 429, 'too_many_requests');
        expect(Number(refused.headers['retry-after'])).to.be.within(1, 10 * 60);
        expect(await ctx().storage.findOwnerByEmail(email)).to.equal(null);
        expect((await ctx().http.post(`${C}/auth/register`).set(from('198.51.100.2')).send({ email, password: PASSWORD })).status).to.equal(201);
      });

      const invalid: Array<[string, unknown, string[]]> = [
        ['a missing email', { password: PASSWORD }, ['email']],
        ['a malformed email', { email: 'not-an-email', password: PASSWORD }, ['email']],
        ['a password of 7 characters', { email: 'a@example.com', password: '1234567' }, ['password']],
        ['a password of 1025 characters', { email: 'a@example.com', password: 'p'.repeat(1025) }, ['password']],
        ['a missing password', { email: 'a@example.com' }, ['password']],
        ['a name that is not a string', { email: 'a@example.com', password: PASSWORD, name: 42 }, ['name']],
        ['everything wrong at once', { email: 3, password: 'short', name: false }, ['email', 'password', 'name']],
      ];
      for (const [what, body, fields] of invalid) {
        it(`answers 400 validation_failed naming the field for ${what}`, async () => {
          const res = await ctx().http.post(`${C}/auth/register`).send(body as object);
          expectError(res, 400, 'validation_failed');
          expect(res.body.error.fields).to.have.all.keys(...fields);
          for (const field of fields) expect(res.body.error.message).to.include(field);
        });
      }

      it('requires a JSON object body', async () => {
        expectError(await ctx().http.post(`${C}/auth/register`).send([1, 2]), 400, 'invalid_body');
        expectError(await ctx().http.post(`${C}/auth/register`).type('text/plain').send('a@b.c'), 415, 'unsupported_media_type');
        expectError(await ctx().http.post(`${C}/auth/register`).type('json').send('{oops'), 400, 'invalid_json');
        expectError(await ctx().http.post(`${C}/auth/register`), 400, 'empty_body');
      });

      it('sets the same __Host- cookie, Secure, on plain HTTP (browsers accept it from http://localhost)', async () => {
        const plain = supertest(ctx().app.callback());
        const res = await plain.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        expect(res.status).to.equal(201);
        const line = consoleCookieLine(res);
        expect(line).to.match(/^__Host-rested-console=/);
        expect(parseSetCookie(line).attributes).to.deep.equal(SET_OVER_HTTPS);
        expect(line.toLowerCase()).to.not.include('domain=');
      });
    });

    describe('POST /api/console/auth/login', () => {
      it('answers 200 {owner} and sets the session cookie with pinned attributes', async () => {
        const { owner } = await signUpOwner(ctx().http, 'Login@Example.com');
        const res = await ctx().http.post(`${C}/auth/login`).send({ email: 'login@example.COM', password: PASSWORD });
        expect(res.status).to.equal(200);
        expect(res.body).to.deep.equal({ owner });
        const line = consoleCookieLine(res);
        expect(parseSetCookie(line).attributes).to.deep.equal(SET_OVER_HTTPS);
        const me = await ctx().http.get(`${C}/auth/me`).set('Cookie', `${CONSOLE_COOKIE}=${cookieToken(line)}`);
        expect(me.body.owner.id).to.equal(owner.id);
      });

      it('with noCookie=true answers {owner, token}, sets no cookie and forbids caching', async () => {
        const { owner } = await signUpOwner(ctx().http, 'script@example.com');
        const res = await ctx().http.post(`${C}/auth/login?noCookie=true`).send({ email: 'script@example.com', password: PASSWORD });
        expect(res.status).to.equal(200);
        expect(res.body.owner).to.deep.equal(owner);
        expect(res.body.token).to.be.a('string').with.length.greaterThan(30);
        expect(setCookies(res)).to.deep.equal([]);
        expect(res.headers['cache-control']).to.equal('no-store');
        const me = await ctx().http.get(`${C}/auth/me`).set(bearer(res.body.token));
        expect(me.body).to.deep.equal({ owner });
      });

      it('answers a wrong password and an unknown email identically (401 invalid_credentials)', async () => {
        await signUpOwner(ctx().http, 'known@example.com');
        const wrong = await ctx().http.post(`${C}/auth/login`).send({ email: 'known@example.com', password: 'wrong password' });
        const unknown = await ctx().http.post(`${C}/auth/login`).send({ email: 'nobody@example.com', password: 'wrong password' });
        expectError(wrong, 401, 'invalid_credentials');
        expectError(unknown, 401, 'invalid_credentials');
        const strip = (body: { error: Record<string, unknown> }) => ({ ...body.error, request: undefined });
        expect(strip(unknown.body)).to.deep.equal(strip(wrong.body));
        expect(setCookies(wrong)).to.deep.equal([]);
      });

      it('takes about as long for an unknown email as for a wrong password (the password is always hashed)', async () => {
        await signUpOwner(ctx().http, 'timing@example.com');
        const time = async (email: string) => {
          const started = performance.now();
          await ctx().http.post(`${C}/auth/login`).send({ email, password: 'wrong password' });
          return performance.now() - started;
        };
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        const known: number[] = [];
        const unknown: number[] = [];
        for (let i = 0; i < 3; i++) {
          known.push(await time('timing@example.com'));
          unknown.push(await time(`ghost${i}@example.com`));
        }
        // Without the dummy hash an unknown email answers in ~1 ms against ~50 ms for a scrypt check.
        expect(median(unknown)).to.be.greaterThan(median(known) * 0.4);
      });

      it('refuses further tries from one address after 10 failures for one email with 429 and Retry-After, even with the right password', async () => {
        await signUpOwner(ctx().http, 'victim@example.com');
        for (let i = 0; i < 10; i++) {
          expectError(await ctx().http.post(`${C}/auth/login`).send({ email: 'victim@example.com', password: `guess ${i}` }), 401, 'invalid_credentials');
        }
        const res = await ctx().http.post(`${C}/auth/login`).send({ email: 'VICTIM@example.com', password: PASSWORD });
        expectError(res, 429, 'too_many_requests');
        expect(Number(res.headers['retry-after'])).to.be.greaterThan(0);
        await signUpOwner(ctx().http, 'bystander@example.com');
        const other = await ctx().http.post(`${C}/auth/login`).send({ email: 'bystander@example.com', password: PASSWORD });
        expect(other.status).to.equal(200);
      });

      it('does not let a stranger lock the owner out: after 12 failures from one address, the right password from another logs in', async () => {
        await signUpOwner(ctx().http, 'victim@example.com');
        const from = (ip: string) => ({ 'X-Forwarded-For': ip });
        for (let i = 0; i < 12; i++) await ctx().http.post(`${C}/auth/login`).set(from('203.0.113.7')).send({ email: 'victim@example.com', password: `guess ${i}` });
        expectError(await ctx().http.post(`${C}/auth/login`).set(from('203.0.113.7')).send({ email: 'victim@example.com', password: PASSWORD }), 429, 'too_many_requests');
        const elsewhere = await ctx().http.post(`${C}/auth/login`).set(from('198.51.100.2')).send({ email: 'victim@example.com', password: PASSWORD });
        expect(elsewhere.status).to.equal(200);
        expect(elsewhere.body.owner.email).to.equal('victim@example.com');
      });

      it('stops guessing spread over many addresses: 100 failures for one email lock it from every address', async function () {
        this.timeout(60_000); // 100 password checks
        await signUpOwner(ctx().http, 'victim@example.com');
        for (let ip = 0; ip < 10; ip++) {
          const tries = Array.from({ length: 10 }, (_, i) =>
            ctx().http.post(`${C}/auth/login`).set({ 'X-Forwarded-For': `203.0.113.${ip}` }).send({ email: 'victim@example.com', password: `guess ${i}` }));
          for (const res of await Promise.all(tries)) expectError(res, 401, 'invalid_credentials');
        }
        const res = await ctx().http.post(`${C}/auth/login`).set({ 'X-Forwarded-For': '198.51.100.2' }).send({ email: 'victim@example.com', password: PASSWORD });
        expectError(res, 429, 'too_many_requests');
      });

      it('refuses one IP address after 100 failed logins across emails (429), while other addresses still log in', async function () {
        this.timeout(60_000); // 100 password checks
        await signUpOwner(ctx().http, 'owner@example.com');
        const from = (ip: string) => ({ 'X-Forwarded-For': ip });
        for (let batch = 0; batch < 10; batch++) {
          const tries = Array.from({ length: 10 }, (_, i) =>
            ctx().http.post(`${C}/auth/login`).set(from('203.0.113.7')).send({ email: `guess-${batch}-${i}@example.com`, password: 'wrong password' }));
          for (const res of await Promise.all(tries)) expectError(res, 401, 'invalid_credentials');
        }
        const blocked = await ctx().http.post(`${C}/auth/login`).set(from('203.0.113.7')).send({ email: 'owner@example.com', password: PASSWORD });
        expectError(blocked, 429, 'too_many_requests');
        expect(Number(blocked.headers['retry-after'])).to.be.within(1, 15 * 60);
        expect(setCookies(blocked)).to.deep.equal([]);
        const elsewhere = await ctx().http.post(`${C}/auth/login`).set(from('198.51.100.2')).send({ email: 'owner@example.com', password: PASSWORD });
        expect(elsewhere.status).to.equal(200);
      });

      it('names missing fields (400 validation_failed)', async () => {
        const res = await ctx().http.post(`${C}/auth/login`).send({ email: 'a@example.com' });
        expectError(res, 400, 'validation_failed');
        expect(res.body.error.fields).to.have.all.keys('password');
      });

      it('gives the cookie a Max-Age of 7 days, the session lifetime', async () => {
        const res = await ctx().http.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        expect(parseSetCookie(consoleCookieLine(res)).attributes['max-age']).to.equal(String(WEEK_SECONDS));
      });
    });

    describe('POST /api/console/auth/logout', () => {
      it('revokes the session and clears the cookie with exactly the attributes that set it', async () => {
        const login = await ctx().http.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        const cookie = `${CONSOLE_COOKIE}=${cookieToken(consoleCookieLine(login))}`;
        const res = await ctx().http.post(`${C}/auth/logout`).set('Cookie', cookie);
        expect(res.status).to.equal(204);
        expect(res.text).to.equal('');
        const line = consoleCookieLine(res);
        expect(cookieToken(line)).to.equal('');
        const { expires, ...cleared } = parseSetCookie(line).attributes;
        expect(cleared).to.deep.equal({ ...SET_OVER_HTTPS, 'max-age': '0' });
        expect(new Date(expires as string).getTime()).to.be.lessThan(Date.now());
        expectError(await ctx().http.get(`${C}/auth/me`).set('Cookie', cookie), 401, 'unauthorized');
      });

      it('clears the cookie on plain HTTP with the same Secure attributes that set it', async () => {
        const plain = supertest(ctx().app.callback());
        const login = await plain.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        const res = await plain.post(`${C}/auth/logout`).set('Cookie', `${CONSOLE_COOKIE}=${cookieToken(consoleCookieLine(login))}`);
        const { expires, ...cleared } = parseSetCookie(consoleCookieLine(res)).attributes;
        expect(expires).to.be.a('string');
        expect(cleared).to.deep.equal({ ...SET_OVER_HTTPS, 'max-age': '0' });
      });

      it('revokes only the Bearer session it is called with', async () => {
        const email = uniqueEmail();
        const first = await signUpOwner(ctx().http, email);
        const second = await ctx().http.post(`${C}/auth/login?noCookie=true`).send({ email, password: PASSWORD });
        expect((await ctx().http.post(`${C}/auth/logout`).set(first.auth)).status).to.equal(204);
        expectError(await ctx().http.get(`${C}/auth/me`).set(first.auth), 401, 'unauthorized');
        expect((await ctx().http.get(`${C}/auth/me`).set(bearer(second.body.token))).status).to.equal(200);
      });

      it('answers 204 and clears the cookie even without a session (idempotent)', async () => {
        const res = await ctx().http.post(`${C}/auth/logout`);
        expect(res.status).to.equal(204);
        expect(parseSetCookie(consoleCookieLine(res)).attributes['max-age']).to.equal('0');
      });
    });

    describe('GET /api/console/auth/me', () => {
      it('answers 401 unauthorized without a token or with an unknown one', async () => {
        expectError(await ctx().http.get(`${C}/auth/me`), 401, 'unauthorized');
        expectError(await ctx().http.get(`${C}/auth/me`).set(bearer('not-a-token')), 401, 'unauthorized');
        expectError(await ctx().http.get(`${C}/auth/me`).set('Cookie', `${CONSOLE_COOKIE}=forged`), 401, 'unauthorized');
      });

      it('reads the session only from the __Host- cookie, never from one a sibling subdomain could plant', async () => {
        const victim = await ctx().http.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        const attacker = await ctx().http.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        const planted = cookieToken(consoleCookieLine(attacker));
        // What evil.example.com can set for .example.com: the old name, or the bare name without the prefix.
        for (const name of ['rested-console', 'Host-rested-console', '__host-rested-console']) {
          expectError(await ctx().http.get(`${C}/auth/me`).set('Cookie', `${name}=${planted}`), 401, 'unauthorized');
        }
        const both = `rested-console=${planted}; ${CONSOLE_COOKIE}=${cookieToken(consoleCookieLine(victim))}`;
        expect((await ctx().http.get(`${C}/auth/me`).set('Cookie', both)).body.owner.id).to.equal(victim.body.owner.id);
      });

      it('lets the Bearer header win over the cookie', async () => {
        const login = await ctx().http.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
        const cookie = `${CONSOLE_COOKIE}=${cookieToken(consoleCookieLine(login))}`;
        expect((await ctx().http.get(`${C}/auth/me`).set('Cookie', cookie)).status).to.equal(200);
        expectError(await ctx().http.get(`${C}/auth/me`).set('Cookie', cookie).set(bearer('stale')), 401, 'unauthorized');
      });
    });
  });

  describe('routes that do not exist', () => {
    const ctx = useApp(adapter);

    it('answer 404 not_found in the error envelope, logged in or not', async () => {
      const { auth } = await signUpOwner(ctx().http);
      expectError(await ctx().http.get(`${C}/nothing-here`), 404, 'not_found');
      expectError(await ctx().http.get(`${C}/projects/x/y/z`).set(auth), 404, 'not_found');
      expectError(await ctx().http.put(`${C}/projects`).set(auth).send({ name: 'My shop' }), 404, 'not_found');
    });
  });

  describe('session lifetime', () => {
    const clock = manualClock();
    const ctx = useApp(adapter, { clock });
    beforeEach(() => clock.reset());

    it('accepts a session token for 7 days and refuses it afterwards', async () => {
      const { auth } = await signUpOwner(ctx().http);
      clock.advance((WEEK_SECONDS - 60) * 1000);
      expect((await ctx().http.get(`${C}/auth/me`).set(auth)).status).to.equal(200);
      clock.advance(120 * 1000);
      expectError(await ctx().http.get(`${C}/auth/me`).set(auth), 401, 'unauthorized');
    });
  });

  describe('with SIGNUP=closed', () => {
    const ctx = useApp(adapter, { config: { signup: 'closed' } });

    it('refuses registration with 403 signup_closed and creates nothing', async () => {
      const res = await ctx().http.post(`${C}/auth/register`).send({ email: 'late@example.com', password: PASSWORD });
      expectError(res, 403, 'signup_closed');
      expect(setCookies(res)).to.deep.equal([]);
      expect(await ctx().storage.findOwnerByEmail('late@example.com')).to.equal(null);
    });

    it('still lets existing owners log in', async () => {
      await ctx().storage.createOwner({ email: 'early@example.com', name: 'Early', passwordHash: await hashPassword(PASSWORD) });
      const res = await ctx().http.post(`${C}/auth/login`).send({ email: 'early@example.com', password: PASSWORD });
      expect(res.status).to.equal(200);
      expect(res.body.owner.name).to.equal('Early');
    });
  });

  describe('behind a proxy that is not trusted', () => {
    const ctx = useApp(adapter, { config: { trustProxy: 0 } });

    it('sets the same Secure __Host- cookie whatever X-Forwarded-Proto says', async () => {
      const res = await ctx().http.post(`${C}/auth/register`).send({ email: uniqueEmail(), password: PASSWORD });
      expect(parseSetCookie(consoleCookieLine(res)).attributes).to.deep.equal(SET_OVER_HTTPS);
    });
  });
});
