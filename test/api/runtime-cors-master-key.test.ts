import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { master } from '../helpers/headers.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

const ALLOWED = 'https://app.example.com';
const FOREIGN = 'https://evil.example';
const CORS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers'];

forEachAdapter('the master key and CORS on /api/1/ce/*', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  let open: RuntimeFixture;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { allowedOrigins: [ALLOWED], endpoints: [{ name: 'notes' }, { name: 'examples/auth', auth: true }] });
    open = await seedRuntime(ctx().storage, { endpoints: [{ name: 'notes' }] });
  });

  it('serves a disallowed Origin with a valid master key, but grants it no CORS headers', async () => {
    const res = await ctx().http.get(f.url('notes')).set(master(f)).set('Origin', FOREIGN);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.equal([]);
    for (const header of CORS_HEADERS) expect(res.headers, header).to.not.have.property(header);
    expect(res.headers.vary).to.match(/Origin/);
  });

  it('grants no CORS headers to a disallowed Origin on a master-key error answer either', async () => {
    const res = await ctx().http.get(f.url('notes', { uniqueId: 'f'.repeat(32) })).set(master(f)).set('Origin', FOREIGN);
    expectError(res, 404, 'record_not_found');
    for (const header of CORS_HEADERS) expect(res.headers, header).to.not.have.property(header);
  });

  it('answers a preflight from a disallowed Origin with a masterKey in the URL without CORS headers', async () => {
    const res = await ctx().http.options(f.url('notes', { masterKey: f.masterKey })).set('Origin', FOREIGN).set('Access-Control-Request-Method', 'GET');
    expect(res.status).to.equal(204);
    for (const header of CORS_HEADERS) expect(res.headers, header).to.not.have.property(header);
  });

  it('still grants credentialed CORS to an allowed Origin with the master key', async () => {
    const res = await ctx().http.get(f.url('notes')).set(master(f)).set('Origin', ALLOWED);
    expect(res.status).to.equal(200);
    expect(res.headers['access-control-allow-origin']).to.equal(ALLOWED);
    expect(res.headers['access-control-allow-credentials']).to.equal('true');
  });

  it('grants every Origin when the project lists none, with or without the master key (as before)', async () => {
    for (const headers of [{}, master(open)]) {
      const res = await ctx().http.get(open.url('notes')).set(headers).set('Origin', FOREIGN);
      expect(res.status).to.equal(200);
      expect(res.headers['access-control-allow-origin']).to.equal(FOREIGN);
      expect(res.headers['access-control-allow-credentials']).to.equal('true');
    }
  });

  it('refuses the disallowed Origin without the master key (as before): the master key skips only the refusal', async () => {
    const res = await ctx().http.get(f.url('notes')).set('Origin', FOREIGN);
    expectError(res, 403, 'origin_not_allowed');
    for (const header of CORS_HEADERS) expect(res.headers, header).to.not.have.property(header);
  });
});
