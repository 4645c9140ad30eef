import { expect } from 'chai';
import { Writable } from 'node:stream';
import pino from 'pino';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { bearer } from '../helpers/headers.js';
import { createRecord, seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';

forEachAdapter('runtime data endpoints: the server log', (adapter) => {
  let lines: string[] = [];
  beforeEach(() => {
    lines = []; // before the app is made, so its every line is kept
  });
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  const ctx = useApp(adapter, { config: { logLevel: 'trace' }, logger: pino({ level: 'trace' }, sink) });
  let f: RuntimeFixture;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'members', auth: true }, { name: 'notes', secure: true }] });
  });

  it('never holds the master key, access tokens or passwords, only request paths', async () => {
    const ada = await signUpEndUser(ctx().http, f.project, 'members', { username: 'ada' });
    const made = await createRecord(ctx(), f.url('notes'), { n: 1 }, bearer(ada));
    await ctx().http.get(f.url('notes', { uniqueId: made.uniqueId, masterKey: f.masterKey }));
    await ctx().http.patch(f.url('notes', { uniqueId: made.uniqueId })).set('X-Master-Key', f.masterKey).send({ n: 2 });
    await ctx().http.get(f.url('notes', { masterKey: `${f.masterKey.slice(0, -1)}0` })); // a wrong key: 401
    await ctx().http.get(f.url('notes', { access_token: ada.token })).set('Cookie', `__Secure-rested-access-token=${ada.token}`);

    const log = lines.join('');
    expect(lines.length, 'one line per request').to.be.at.least(7);
    expect(log).to.include('/api/1/ce/notes');
    for (const [what, secret] of [['master key', f.masterKey], ['access token', ada.token], ['password', 'ada-password']] as const) {
      expect(log.includes(secret), `the log holds the ${what}`).to.equal(false);
    }
    expect(log.includes(f.masterKey.slice(0, -1)), 'the log holds the wrong master key').to.equal(false);
  });
});
