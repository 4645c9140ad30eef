import { expect } from 'chai';
import { Writable } from 'node:stream';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { testConfig, type TestContext } from '../helpers/app.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';
import { bearer, createRecord, signUp } from './runtime-data-fixtures.js';

forEachAdapter('runtime data endpoints: the server log', (adapter) => {
  let ctx: TestContext & { dispose: () => Promise<void> };
  let lines: string[];
  let f: RuntimeFixture;

  beforeEach(async () => {
    lines = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const { storage, dispose } = await adapter.open();
    const app = createApp({ config: testConfig({ logLevel: 'trace' }), storage, logger: pino({ level: 'trace' }, sink) });
    const http = supertest.agent(app.callback()).set('X-Forwarded-Proto', 'https');
    ctx = { app, storage, http, dispose: async () => { await app.shutdown(); await dispose(); } };
    f = await seedRuntime(storage, { endpoints: [{ name: 'members', auth: true }, { name: 'notes', secure: true }] });
  });
  afterEach(() => ctx.dispose());

  it('never holds the master key, access tokens or passwords, only request paths', async () => {
    const ada = await signUp(ctx, f, 'members', 'ada');
    const made = await createRecord(ctx, f.url('notes'), { n: 1 }, bearer(ada));
    await ctx.http.get(f.url('notes', { uniqueId: made.uniqueId, masterKey: f.masterKey }));
    await ctx.http.patch(f.url('notes', { uniqueId: made.uniqueId })).set('X-Master-Key', f.masterKey).send({ n: 2 });
    await ctx.http.get(f.url('notes', { masterKey: `${f.masterKey.slice(0, -1)}0` })); // a wrong key: 401
    await ctx.http.get(f.url('notes', { access_token: ada.token })).set('Cookie', `__Secure-rested-access-token=${ada.token}`);

    const log = lines.join('');
    expect(lines.length, 'one line per request').to.be.at.least(7);
    expect(log).to.include('/api/1/ce/notes');
    for (const [what, secret] of [['master key', f.masterKey], ['access token', ada.token], ['password', 'ada-password']] as const) {
      expect(log.includes(secret), `the log holds the ${what}`).to.equal(false);
    }
    expect(log.includes(f.masterKey.slice(0, -1)), 'the log holds the wrong master key').to.equal(false);
  });
});
