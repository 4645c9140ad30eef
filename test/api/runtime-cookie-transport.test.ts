import { expect } from 'chai';
import pino from 'pino';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn } from '../helpers/app.js';
import { useFreshStorage } from '../helpers/fixtures.js';
import { ce, seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';

/* README, "HTTPS (or localhost) for cookie mode": a login that sets the cookie where a browser drops it is logged. */
forEachAdapter('runtime API: cookie mode over plain HTTP', (adapter) => {
  const storage = useFreshStorage(adapter);
  let f: RuntimeFixture;
  let lines: Array<{ level: number; msg: string; project?: string; host?: string }>;
  let app: ReturnType<typeof appOn>;
  beforeEach(async () => {
    lines = [];
    app = appOn(storage(), { logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }) });
    f = await seedRuntime(storage(), { endpoints: [{ name: 'auth', auth: true }] });
    await signUpEndUser(app.http, f.project, 'auth', { email: 'ann@example.com', password: 'correct horse battery' });
  });
  afterEach(() => app.app.shutdown());

  const login = (host: string, proto: string, params: Record<string, string> = {}) =>
    app.http.post(ce('auth', { key: f.project.apiKey, login: 'true', ...params })).set('Host', host).set('X-Forwarded-Proto', proto)
      .send({ email: 'ann@example.com', password: 'correct horse battery' });
  const warnings = () => lines.filter((l) => l.level === 40 && /plain HTTP/.test(l.msg));

  it('warns once per project when a cookie login comes over plain HTTP off localhost', async () => {
    expect((await login('api.example.com', 'http')).status).to.equal(200);
    expect((await login('api.example.com:8080', 'http')).status).to.equal(200);
    expect(warnings()).to.have.length(1);
    expect(warnings()[0]).to.include({ project: f.project.id, host: 'api.example.com' });
    expect(JSON.stringify(lines)).to.not.include(f.project.apiKey);
    // Counted for the "Use it" banner too, in the database like the traffic.
    await app.app.shutdown();
    const notes = (await storage().listTrafficCounts(f.project.id, new Date(0), new Date(Date.now() + 60_000))).filter((c) => c.key.startsWith('note:'));
    expect(notes.map((c) => [c.key, c.count])).to.deep.equal([['note:cookie_over_plain_http', 2]]);
  });

  it('does not warn over HTTPS, on localhost or 127.0.0.1, or in header mode', async () => {
    for (const answer of [
      await login('api.example.com', 'https'),
      await login('localhost:4000', 'http'),
      await login('127.0.0.1:4000', 'http'),
      await login('api.example.com', 'http', { noATCookie: 'true' }),
    ]) expect(answer.status).to.equal(200);
    expect(warnings()).to.deep.equal([]);
  });
});
