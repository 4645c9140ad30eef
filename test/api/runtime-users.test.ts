import { expect } from 'chai';
import type { Reason } from '@rested/shared';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { accessTokenCookieOf } from '../helpers/cookies.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { seedRuntime, signUpEndUser, type EndUser, type RuntimeFixture } from '../helpers/runtime.js';

const AUTH = 'members';

forEachAdapter('runtime authentication endpoints: own record', (adapter) => {
  const clock = manualClock();
  const ctx = useApp(adapter, { clock });
  let f: RuntimeFixture;
  let alice: EndUser;
  let bob: EndUser;

  const signUpMember = (username: string) => signUpEndUser(ctx().http, f.project, AUTH, { username, color: 'blue', tags: ['a'] });
  const logIn = (username: string, password: string) =>
    ctx().http.post(f.url(AUTH, { login: 'true', noATCookie: 'true' })).send({ username, password });

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { tokenTtlSeconds: 600, endpoints: [{ name: AUTH, auth: true }] });
    alice = await signUpMember('alice');
    bob = await signUpMember('bob');
  });

  it('PUT replaces the own record (force by default), keeping the password', async () => {
    const res = await ctx().http.put(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice)).send({ username: 'alice', nickname: 'Al' });
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal({ username: 'alice', nickname: 'Al', emailVerified: false });
    expect((await logIn('alice', 'alice-password')).status).to.equal(200);
  });

  it('PATCH merges into the own record; null deletes a field', async () => {
    const res = await ctx().http.patch(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice)).send({ color: null, age: 30 });
    expect(res.status).to.equal(200);
    expect(res.body.data).to.deep.equal({ username: 'alice', tags: ['a'], age: 30, emailVerified: false });
  });

  it('PUT with strategy=replace refuses another JSON type', async () => {
    const res = await ctx().http.put(f.url(AUTH, { uniqueId: alice.id, strategy: 'replace' })).set(bearer(alice)).send(['x']);
    expectError(res, 400, 'invalid_body');
  });

  it('PATCH always merges: naming another strategy is refused', async () => {
    const res = await ctx().http.patch(f.url(AUTH, { uniqueId: alice.id, strategy: 'force' })).set(bearer(alice)).send({ username: 'alice' });
    expectError(res, 400, 'invalid_strategy');
  });

  it('refuses a record left with neither username nor email', async () => {
    const res = await ctx().http.put(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice)).send({ nickname: 'x' });
    expectError(res, 400, 'invalid_body');
    expect(res.body.error.fields).to.have.property('username');
  });

  it('refuses a rename to a taken username with 409', async () => {
    const res = await ctx().http.patch(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice)).send({ username: 'BOB' });
    expectError(res, 409, 'user_exists');
  });

  it("refuses to update or delete another user's record with 403", async () => {
    const put = await ctx().http.patch(f.url(AUTH, { uniqueId: bob.id })).set(bearer(alice)).send({ color: 'red' });
    expectError(put, 403, 'forbidden');
    const del = await ctx().http.delete(f.url(AUTH, { uniqueId: bob.id })).set(bearer(alice));
    expectError(del, 403, 'forbidden');
    expect(await ctx().storage.findUserById(f.endpoints[AUTH]!.id, bob.id)).to.not.equal(null);
  });

  it('needs exactly one uniqueId and a token', async () => {
    expectError(await ctx().http.patch(f.url(AUTH)).set(bearer(alice)).send({ a: 1 }), 400, 'missing_unique_id');
    expectError(await ctx().http.patch(f.url(AUTH, { uniqueId: alice.id })).send({ a: 1 }), 401, 'token_missing');
  });

  it('a new password is hashed, works, and ends the other sessions but not this one', async () => {
    const second = await ctx().http.post(f.url(AUTH, { login: 'true', noATCookie: 'true' })).send({ username: 'alice', password: 'alice-password' });
    const otherToken = second.headers.authorization!.slice('Bearer '.length);
    const res = await ctx().http.patch(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice)).send({ password: 'new-password-1', currentPassword: 'alice-password' });
    expect(res.status).to.equal(200);
    expect(JSON.stringify(res.body)).to.not.include('new-password-1');
    expect((await ctx().http.get(f.url(AUTH)).set(bearer(alice))).status).to.equal(200);
    expectError(await ctx().http.get(f.url(AUTH)).set(bearer(otherToken)), 401, 'session_revoked');
    expectError(await logIn('alice', 'alice-password'), 401, 'invalid_credentials');
    expect((await logIn('alice', 'new-password-1')).status).to.equal(200);
  });

  it('checks the token before the body, and a bad body changes nothing', async () => {
    const anonymous = await ctx().http.patch(f.url(AUTH, { uniqueId: alice.id })).set('Content-Type', 'application/json').send('{"color":');
    expectError(anonymous, 401, 'token_missing');
    const bad: [string, string, number, Reason][] = [['application/json', '{"color":', 400, 'invalid_json'], ['text/plain', 'red', 415, 'unsupported_media_type']];
    for (const [type, body, status, reason] of bad) {
      const res = await ctx().http.patch(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice)).set('Content-Type', type).send(body);
      expectError(res, status, reason);
    }
    const stored = await ctx().storage.findUserById(f.endpoints[AUTH]!.id, alice.id);
    expect(stored!.data).to.deep.equal({ username: 'alice', color: 'blue', tags: ['a'], emailVerified: false });
  });

  it('refuses a short password on update with the other field problems, changing nothing', async () => {
    const res = await ctx().http.put(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice)).send({ nickname: 'x', password: 'short' });
    expectError(res, 400, 'invalid_body');
    expect(res.body.error.fields).to.have.keys('username', 'password');
    expect((await logIn('alice', 'alice-password')).status).to.equal(200);
    expect((await ctx().storage.findUserById(f.endpoints[AUTH]!.id, alice.id))!.data).to.deep.equal({ username: 'alice', color: 'blue', tags: ['a'], emailVerified: false });
  });

  it('applies concurrent PATCHes of the own record one after another, losing none (a password change among them)', async () => {
    const server = createServer(ctx().app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Every request has passed the token check and loaded the user before any body is complete.
    const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify({ [`k${i}`]: i, ...(i === 7 ? { password: 'new-password-7', currentPassword: 'alice-password' } : {}) }));
    const requests = bodies.map((body) => {
      const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Forwarded-Proto': 'https', ...bearer(alice) };
      const req = request({ host: '127.0.0.1', port, method: 'PATCH', path: f.url(AUTH, { uniqueId: alice.id }), headers });
      req.write(body.slice(0, 2));
      return { req, done: new Promise<number>((resolve) => req.on('response', (res) => (res.resume(), resolve(res.statusCode!)))) };
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    requests.forEach(({ req }, i) => req.end(bodies[i]!.slice(2)));
    try {
      expect(await Promise.all(requests.map((r) => r.done))).to.deep.equal(Array(20).fill(200));
    } finally {
      server.close();
    }
    const stored = await ctx().storage.findUserById(f.endpoints[AUTH]!.id, alice.id);
    const written = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    expect(stored!.data).to.deep.equal({ username: 'alice', color: 'blue', tags: ['a'], emailVerified: false, ...written });
    expect((await logIn('alice', 'new-password-7')).status).to.equal(200);
  });

  it('the master key may update any user', async () => {
    const res = await ctx().http.patch(f.url(AUTH, { uniqueId: bob.id })).set('X-Master-Key', f.masterKey).send({ color: 'green' });
    expect(res.status).to.equal(200);
    expect(res.body.data.color).to.equal('green');
  });

  it('DELETE removes the own record and all its sessions', async () => {
    const res = await ctx().http.delete(f.url(AUTH, { uniqueId: alice.id })).set(bearer(alice));
    expect(res.status).to.equal(204);
    expect(await ctx().storage.findUserById(f.endpoints[AUTH]!.id, alice.id)).to.equal(null);
    expect(await ctx().storage.listSessions(f.endpoints[AUTH]!.id, alice.id)).to.deep.equal([]);
    expectError(await ctx().http.get(f.url(AUTH)).set(bearer(alice)), 401, 'session_revoked');
    expectError(await logIn('alice', 'alice-password'), 401, 'invalid_credentials');
  });

  it('logout with an expired token still answers 204 and clears the cookie', async () => {
    clock.advance(601 * 1000);
    const res = await ctx().http.post(f.url(AUTH, { logout: 'true' })).set(bearer(alice));
    expect(res.status).to.equal(204);
    expect(accessTokenCookieOf(res.headers['set-cookie'])).to.equal('');
  });

  it('a token stops working when its lifetime has passed', async () => {
    expect((await ctx().http.get(f.url(AUTH)).set(bearer(alice))).status).to.equal(200);
    clock.advance(601 * 1000);
    const res = await ctx().http.get(f.url(AUTH)).set(bearer(alice));
    expectError(res, 401, 'token_expired');
  });
});
