import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { expectError } from '../helpers/errors.js';
import { bearer, master } from '../helpers/headers.js';
import { logInEndUser, seedRuntime, signUpEndUser, type EndUser, type RuntimeFixture } from '../helpers/runtime.js';

const AUTH = 'members';

forEachAdapter('runtime: an end user\'s own sessions (GET ?sessions=true, POST ?logout=true&sessionId=)', (adapter) => {
  const clock = manualClock();
  const ctx = useApp(adapter, { clock });
  let f: RuntimeFixture;
  let alice: EndUser;
  let bob: EndUser;
  const sessionsOf = (who: EndUser | string) => ctx().http.get(f.url(AUTH, { sessions: 'true' })).set(bearer(who));
  const logOutSession = (who: EndUser | string, sessionId: string) => ctx().http.post(f.url(AUTH, { logout: 'true', sessionId })).set(bearer(who));

  beforeEach(async () => {
    clock.reset();
    f = await seedRuntime(ctx().storage, { tokenTtlSeconds: 3600, endpoints: [{ name: AUTH, auth: true }] });
    alice = await signUpEndUser(ctx().http, f.project, AUTH, { username: 'alice' }, 'phone/1');
    bob = await signUpEndUser(ctx().http, f.project, AUTH, { username: 'bob' });
  });

  it('lists the caller\'s live sessions, newest first, the current one marked, and none of another user\'s', async () => {
    clock.advance(1000);
    const laptop = await logInEndUser(ctx().http, f.project, AUTH, { username: 'alice' }, 'laptop/2');
    const res = await sessionsOf(laptop);
    expect(res.status).to.equal(200);
    expect(res.body.map((s: { userAgent: string }) => s.userAgent)).to.deep.equal(['laptop/2', 'phone/1']);
    expect(res.body.map((s: { current: boolean }) => s.current)).to.deep.equal([true, false]);
    expect(Object.keys(res.body[0]).sort()).to.deep.equal(['createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastSeenAt', 'userAgent']);
    const bobs = (await sessionsOf(bob)).body as { id: string }[];
    expect(bobs).to.have.length(1);
    expect(res.body.map((s: { id: string }) => s.id)).to.not.include(bobs[0]!.id);
  });

  it('leaves out revoked and expired sessions', async () => {
    const second = await logInEndUser(ctx().http, f.project, AUTH, { username: 'alice' });
    expect((await ctx().http.post(f.url(AUTH, { logout: 'true' })).set(bearer(second))).status).to.equal(204);
    expect((await sessionsOf(alice)).body).to.have.length(1);
    clock.advance(3601 * 1000);
    expectError(await sessionsOf(alice), 401, 'token_expired');
  });

  it('needs a valid token: 401 token_missing without one', async () => {
    expectError(await ctx().http.get(f.url(AUTH, { sessions: 'true' })), 401, 'token_missing');
    expectError(await ctx().http.get(f.url(AUTH, { sessions: 'true' })).set(master(f)), 401, 'token_missing');
  });

  it('revokes one of the caller\'s sessions by id, so its token is refused, and leaves the others', async () => {
    const laptop = await logInEndUser(ctx().http, f.project, AUTH, { username: 'alice' }, 'laptop/2');
    const phoneId = ((await sessionsOf(laptop)).body as { id: string; current: boolean }[]).find((s) => !s.current)!.id;
    const res = await logOutSession(laptop, phoneId);
    expect(res.status).to.equal(204);
    expect(res.headers['set-cookie']).to.equal(undefined);
    expectError(await ctx().http.get(f.url(AUTH)).set(bearer(alice)), 401, 'session_revoked');
    expect((await ctx().http.get(f.url(AUTH)).set(bearer(laptop))).status).to.equal(200);
    expectError(await logOutSession(laptop, phoneId), 404, 'session_not_found');
  });

  it('never revokes another user\'s session: 404 session_not_found, as for an unknown id', async () => {
    const bobsId = ((await sessionsOf(bob)).body as { id: string }[])[0]!.id;
    expectError(await logOutSession(alice, bobsId), 404, 'session_not_found');
    expectError(await logOutSession(alice, 'f'.repeat(32)), 404, 'session_not_found');
    expect((await ctx().http.get(f.url(AUTH)).set(bearer(bob))).status).to.equal(200);
    expect((await ctx().storage.findSession(bobsId))!.revokedAt).to.equal(null);
  });

  it('clears the cookie when the caller ends the session of its own request', async () => {
    const own = ((await sessionsOf(alice)).body as { id: string }[])[0]!.id;
    const res = await logOutSession(alice, own);
    expect(res.status).to.equal(204);
    expect(String(res.headers['set-cookie'])).to.match(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expectError(await sessionsOf(alice), 401, 'session_revoked');
  });

  it('keeps lastSeenAt to the minute: no write for requests within a minute, one after', async () => {
    const id = ((await sessionsOf(alice)).body as { id: string }[])[0]!.id;
    const created = (await ctx().storage.findSession(id))!.createdAt.getTime();
    let touches = 0;
    const { storage } = ctx();
    const counting = new Proxy(storage, {
      get: (target, prop) => (prop === 'touchSession' ? (...args: Parameters<typeof storage.touchSession>) => (touches++, target.touchSession(...args)) : Reflect.get(target, prop)),
    });
    const { app, http } = appOn(counting, { clock });
    try {
      clock.advance(30_000);
      for (let i = 0; i < 5; i++) expect((await http.get(f.url(AUTH)).set(bearer(alice))).status).to.equal(200);
      expect(touches).to.equal(0);
      clock.advance(31_000);
      for (let i = 0; i < 5; i++) expect((await http.get(f.url(AUTH)).set(bearer(alice))).status).to.equal(200);
      expect(touches).to.equal(1);
      const listed = ((await http.get(f.url(AUTH, { sessions: 'true' })).set(bearer(alice))).body as { lastSeenAt: string }[])[0]!;
      expect(new Date(listed.lastSeenAt).getTime()).to.equal(created + 61_000);
    } finally {
      await app.shutdown();
    }
  });
});
