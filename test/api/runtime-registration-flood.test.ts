import { expect } from 'chai';
import type { Response } from 'supertest';
import { hashesWaiting, MAX_HASHES_WAITING_PER_KEY } from '@rested/server/testing';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';

const AUTH = 'examples/auth';
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

forEachAdapter('registration throttling and the hash queue', (adapter) => {
  const ctx = useApp(adapter);
  let a: RuntimeFixture;
  let b: RuntimeFixture;

  beforeEach(async () => {
    a = await seedRuntime(ctx().storage, { endpoints: [{ name: AUTH, auth: true }] });
    b = await seedRuntime(ctx().storage, { endpoints: [{ name: AUTH, auth: true }] });
  });

  const registerOn = (f: RuntimeFixture, ip: string, username: string) =>
    ctx().http.post(f.url(AUTH)).set(from(ip)).send({ username, password: 'flood password' });

  it('refuses a 21st registration from one address on one project within 10 minutes with 429 and Retry-After; other projects and addresses are still served', async function () {
    this.timeout(30_000); // 20 password hashes
    for (let i = 0; i < 20; i++) expect((await registerOn(b, '203.0.113.5', `user-${i}`)).status).to.equal(201);
    const refused = await registerOn(b, '203.0.113.5', 'user-20');
    expectError(refused, 429, 'too_many_requests');
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 10 * 60);
    expect(await ctx().storage.countUsers(b.endpoints[AUTH]!.id)).to.equal(20);
    expect((await registerOn(a, '203.0.113.5', 'user-20')).status).to.equal(201);
    expect((await registerOn(b, '198.51.100.2', 'user-20')).status).to.equal(201);
  });

  it('keeps serving project A\'s logins while project B floods registrations from many addresses; B gets 503 beyond its queue', async function () {
    this.timeout(60_000);
    await signUpEndUser(ctx().http, a.project, AUTH, { username: 'alice', password: 'alice password' });
    const flood = 3 * MAX_HASHES_WAITING_PER_KEY;
    const answers: Response[] = [];
    const bRequests = Array.from({ length: flood }, (_, i) =>
      registerOn(b, `10.1.${i >> 8}.${i & 255}`, `bot-${i}`).then((res) => void answers.push(res)));
    while (hashesWaiting(b.project.id) < MAX_HASHES_WAITING_PER_KEY) await new Promise((resolve) => setTimeout(resolve, 5));

    const started = performance.now();
    const aLogin = await ctx().http.post(a.url(AUTH, { login: 'true' })).send({ username: 'alice', password: 'alice password' });
    const latencyMs = performance.now() - started;
    const bStillWaiting = hashesWaiting(b.project.id);
    expect(aLogin.status, JSON.stringify(aLogin.body)).to.equal(200);
    // Round-robin: A waits for about one of B's hashes, not for B's backlog of 64 (≈ 3 s on one slot).
    expect(bStillWaiting, `A answered in ${latencyMs.toFixed(0)} ms`).to.be.greaterThan(MAX_HASHES_WAITING_PER_KEY / 2);

    await Promise.all(bRequests);
    const busy = answers.filter((res) => res.status === 503);
    const served = answers.filter((res) => res.status === 201);
    expect(busy.length + served.length).to.equal(flood);
    expect(busy.length).to.be.greaterThan(0);
    expect(served.length).to.be.at.least(MAX_HASHES_WAITING_PER_KEY);
    expectError(busy[0]!, 503, 'service_unavailable');
    expect(Number(busy[0]!.headers['retry-after'])).to.be.within(1, 60);
    expect(await ctx().storage.countUsers(b.endpoints[AUTH]!.id)).to.equal(served.length); // a refused one stored nothing
  });
});
