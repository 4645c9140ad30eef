import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

const AUTH = 'examples/auth';
/** The IP budget of login-throttle.ts: this many failures from one address, then 429. */
const PER_IP = 100;
/** Logins sent at once: fewer than the hashes one project may have waiting (auth/passwords.ts), which would answer 503. */
const AT_ONCE = 16;

/** `count` requests, AT_ONCE at a time, their answers in order. */
async function inBatches<T>(count: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const answers: T[] = [];
  for (let start = 0; start < count; start += AT_ONCE) {
    answers.push(...(await Promise.all(Array.from({ length: Math.min(AT_ONCE, count - start) }, (_, j) => send(start + j)))));
  }
  return answers;
}

forEachAdapter('TRUST_PROXY: the client address behind trusted proxies', (adapter) => {
  const ctx = useApp(adapter); // one trusted hop (testConfig)
  let f: RuntimeFixture;
  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: AUTH, auth: true }] });
  });

  /** A failed login for a fresh identifier (so only the per-IP count can refuse it), with this X-Forwarded-For. */
  const failedLogin = (http: ReturnType<typeof appOn>['http'], forwardedFor: string, i: number) =>
    http.post(f.url(AUTH, { login: 'true' })).set('X-Forwarded-For', forwardedFor).send({ username: `user-${i}`, password: 'wrong' });

  it('with one hop counts the address the proxy appended, whatever the client put before it', async () => {
    const answers = await inBatches(PER_IP, (i) => failedLogin(ctx().http, `10.9.${i >> 8}.${i & 255}, 203.0.113.7`, i));
    expect(answers.map((res) => res.status)).to.deep.equal(Array(PER_IP).fill(401));
    // A new spoofed leftmost entry does not make a new client.
    expectError(await failedLogin(ctx().http, '198.51.100.99, 203.0.113.7', PER_IP), 429, 'too_many_requests');
    expectError(await failedLogin(ctx().http, '203.0.113.7', PER_IP + 1), 429, 'too_many_requests');
    // Another address appended by the proxy is another client.
    expectError(await failedLogin(ctx().http, '203.0.113.7, 203.0.113.8', PER_IP + 2), 401, 'invalid_credentials');
  });

  it('with two hops counts the address the outer proxy appended', async () => {
    const { app, http } = appOn(ctx().storage, { config: { trustProxy: 2 } });
    try {
      await inBatches(PER_IP, (i) => failedLogin(http, `10.9.${i >> 8}.${i & 255}, 203.0.113.7, 10.0.0.2`, i));
      expectError(await failedLogin(http, 'anything, 203.0.113.7, 10.0.0.3', PER_IP), 429, 'too_many_requests');
      expectError(await failedLogin(http, '203.0.113.7, 198.51.100.5, 10.0.0.2', PER_IP + 1), 401, 'invalid_credentials');
    } finally {
      await app.shutdown();
    }
  });

  it('with no trusted proxy ignores X-Forwarded-For altogether', async () => {
    const { app, http } = appOn(ctx().storage, { config: { trustProxy: 0 } });
    try {
      await inBatches(PER_IP, (i) => failedLogin(http, `10.9.${i >> 8}.${i & 255}`, i));
      expectError(await failedLogin(http, '198.51.100.1', PER_IP), 429, 'too_many_requests');
    } finally {
      await app.shutdown();
    }
  });
});
