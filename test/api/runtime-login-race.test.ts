import { expect } from 'chai';
import type { Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';

const AUTH = 'examples/auth';
const OLD = { username: 'victim', password: 'old password' };
const NEW_PASSWORD = 'new password, changed';

/**
 * The storage with one held call: the next `method` (once armed) waits, before it runs or after
 * it answered, until the test releases it; `reached` resolves when it is held.
 */
function holding(storage: Storage, method: 'createSession' | 'findUserById', when: 'before' | 'after') {
  let armed = false;
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const call = (...args: unknown[]) => (storage[method] as (...a: unknown[]) => Promise<unknown>)(...args);
  // Decided at call time: the app's storage wrappers may take the method once, at start.
  const maybeHeld = (...args: unknown[]) => (armed ? held(...args) : call(...args));
  const held = async (...args: unknown[]) => {
    armed = false;
    if (when === 'after') {
      const answer = await call(...args);
      arrive();
      await released;
      return answer;
    }
    arrive();
    await released;
    return call(...args);
  };
  const proxy = new Proxy(storage, {
    get(target, prop) {
      if (prop === method) return maybeHeld;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { storage: proxy, arm: () => (armed = true), reached, release };
}

forEachAdapter('a password change during a login in flight', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  let shutdown: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: AUTH, auth: true }] });
  });
  afterEach(async () => {
    await shutdown?.();
    shutdown = undefined;
  });

  /** The victim, logged in; the attacker's login with the old password, held at `method`; the victim's change of password. */
  async function race(method: 'createSession' | 'findUserById', when: 'before' | 'after') {
    const hold = holding(ctx().storage, method, when);
    const { app, http } = appOn(hold.storage);
    shutdown = () => app.shutdown();
    const victim = await signUpEndUser(http, f.project, AUTH, OLD);
    hold.arm();
    const attacker = http.post(f.url(AUTH, { login: 'true', noATCookie: 'true' })).send(OLD).then((res) => res);
    await hold.reached;
    const change = await http.patch(f.url(AUTH, { uniqueId: victim.id })).set(bearer(victim.token)).send({ password: NEW_PASSWORD, currentPassword: OLD.password });
    hold.release();
    expect(change.status, JSON.stringify(change.body)).to.equal(200);
    return { http, victim, attacker: await attacker };
  }

  it('refuses the login (401 invalid_credentials) when the change lands between the password check and the session, and leaves it no session', async () => {
    const { http, victim, attacker } = await race('createSession', 'before');
    expectError(attacker, 401, 'invalid_credentials');
    expect(attacker.headers).to.not.have.property('authorization');
    const live = (await ctx().storage.listSessions(f.endpoints[AUTH]!.id, victim.id)).filter((s) => s.revokedAt === null);
    expect(live).to.have.length(1); // the victim's own, kept by the change
    expect((await http.get(f.url(AUTH)).set(bearer(victim.token))).status).to.equal(200);
  });

  it('revokes the session it opened when the change lands after the session but before the answer, so its token is refused', async () => {
    const { http, attacker } = await race('findUserById', 'after');
    expect(attacker.status).to.equal(200); // it read the old hash before the change wrote the new one
    const token = String(attacker.headers.authorization).replace(/^Bearer /, '');
    expectError(await http.get(f.url(AUTH)).set(bearer(token)), 401, 'session_revoked');
  });

  it('answers other logins as before: the old password is refused and the new one logs in', async () => {
    const { http } = await race('createSession', 'before');
    expectError(await http.post(f.url(AUTH, { login: 'true' })).send(OLD), 401, 'invalid_credentials');
    expect((await http.post(f.url(AUTH, { login: 'true' })).send({ username: OLD.username, password: NEW_PASSWORD })).status).to.equal(200);
  });
});
