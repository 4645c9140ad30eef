import { expect } from 'chai';
import pino from 'pino';
import type { Reason } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

forEachAdapter('runtime gate /api/1/ce/*', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  let other: RuntimeFixture;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, {
      allowedOrigins: ['https://app.example.com', 'http://localhost:5173', 'https://*.preview.example.com'],
      endpoints: [{ name: 'shop/items/v2' }, { name: 'examples/auth', auth: true }],
    });
    other = await seedRuntime(ctx().storage, { endpoints: [{ name: 'secret-items' }], disallowNoOrigin: true });
  });

  const cases: { title: string; request: () => { path: string; origin?: string; headers?: Record<string, string> }; status: number; reason?: Reason }[] = [
    { title: 'no key → 403 missing_key', request: () => ({ path: '/api/1/ce/shop/items/v2' }), status: 403, reason: 'missing_key' },
    { title: 'empty key → 403 missing_key', request: () => ({ path: '/api/1/ce/shop/items/v2?key=' }), status: 403, reason: 'missing_key' },
    { title: 'unknown key → 400 invalid_key_or_endpoint', request: () => ({ path: '/api/1/ce/shop/items/v2?key=0123456789abcdef0123456789abcdef' }), status: 400, reason: 'invalid_key_or_endpoint' },
    { title: 'unknown endpoint → the same 400', request: () => ({ path: f.url('shop/items/v3') }), status: 400, reason: 'invalid_key_or_endpoint' },
    { title: "another project's endpoint with this key → the same 400", request: () => ({ path: f.url('secret-items') }), status: 400, reason: 'invalid_key_or_endpoint' },
    { title: 'an endpoint name with slashes is found', request: () => ({ path: f.url('shop/items/v2') }), status: 200 },
    { title: 'allowed origin → 200', request: () => ({ path: f.url('shop/items/v2'), origin: 'https://app.example.com' }), status: 200 },
    { title: 'host compared case-insensitively', request: () => ({ path: f.url('shop/items/v2'), origin: 'https://APP.example.com' }), status: 200 },
    { title: 'wildcard entry matches a subdomain', request: () => ({ path: f.url('shop/items/v2'), origin: 'https://pr-42.preview.example.com' }), status: 200 },
    { title: 'wildcard entry does not match the bare domain', request: () => ({ path: f.url('shop/items/v2'), origin: 'https://preview.example.com' }), status: 403, reason: 'origin_not_allowed' },
    { title: 'other scheme → 403 origin_not_allowed', request: () => ({ path: f.url('shop/items/v2'), origin: 'http://app.example.com' }), status: 403, reason: 'origin_not_allowed' },
    { title: 'other port → 403 origin_not_allowed', request: () => ({ path: f.url('shop/items/v2'), origin: 'http://localhost:5174' }), status: 403, reason: 'origin_not_allowed' },
    { title: 'look-alike host → 403 origin_not_allowed', request: () => ({ path: f.url('shop/items/v2'), origin: 'https://app.example.com.evil.example' }), status: 403, reason: 'origin_not_allowed' },
    { title: 'no Origin with disallowNoOrigin off → 200', request: () => ({ path: f.url('shop/items/v2') }), status: 200 },
    { title: 'no Origin with disallowNoOrigin on → 403 origin_required', request: () => ({ path: other.url('secret-items') }), status: 403, reason: 'origin_required' },
    { title: 'empty allow-list accepts any Origin', request: () => ({ path: other.url('secret-items'), origin: 'https://anything.example' }), status: 200 },
    { title: 'a valid master key skips the origin policy', request: () => ({ path: f.url('shop/items/v2', { masterKey: f.masterKey }), origin: 'https://evil.example' }), status: 200 },
    { title: 'the master key also works as X-Master-Key', request: () => ({ path: other.url('secret-items'), headers: { 'X-Master-Key': other.masterKey } }), status: 200 },
    { title: 'a wrong master key → 401', request: () => ({ path: f.url('shop/items/v2', { masterKey: 'f'.repeat(32) }) }), status: 401, reason: 'unauthorized' },
    { title: "another project's master key → 401", request: () => ({ path: f.url('shop/items/v2'), headers: { 'X-Master-Key': other.masterKey } }), status: 401, reason: 'unauthorized' },
  ];

  for (const c of cases) {
    it(c.title, async () => {
      const { path, origin, headers } = c.request();
      let req = ctx().http.get(path);
      if (origin) req = req.set('Origin', origin);
      for (const [k, v] of Object.entries(headers ?? {})) req = req.set(k, v);
      const res = await req;
      expect(res.status, JSON.stringify(res.body)).to.equal(c.status);
      if (c.reason) expectError(res, c.status, c.reason);
    });
  }

  it('answers an allowed origin with credentialed CORS headers, never *', async () => {
    const res = await ctx().http.get(f.url('shop/items/v2')).set('Origin', 'http://localhost:5173');
    expect(res.headers['access-control-allow-origin']).to.equal('http://localhost:5173');
    expect(res.headers['access-control-allow-credentials']).to.equal('true');
    expect(res.headers.vary).to.match(/Origin/);
    expect(res.headers['access-control-expose-headers']).to.include('Authorization').and.include('X-Request-Id').and.include('Retry-After');
  });

  it('never echoes an origin that is not allowed', async () => {
    const res = await ctx().http.get(f.url('shop/items/v2')).set('Origin', 'https://evil.example');
    expectError(res, 403, 'origin_not_allowed');
    expect(res.headers).to.not.have.property('access-control-allow-origin');
    expect(res.headers).to.not.have.property('access-control-allow-credentials');
  });

  it('keeps CORS headers on error answers after the gate, so the page can read them', async () => {
    const res = await ctx().http.get(f.url('examples/auth')).set('Origin', 'https://app.example.com');
    expectError(res, 401, 'token_missing');
    expect(res.headers['access-control-allow-origin']).to.equal('https://app.example.com');
  });

  describe('preflight OPTIONS', () => {
    it('answers 204 with methods, headers and max-age for an allowed origin', async () => {
      const res = await ctx()
        .http.options(f.url('examples/auth', { login: 'true' }))
        .set('Origin', 'https://app.example.com')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type');
      expect(res.status).to.equal(204);
      expect(res.headers['access-control-allow-origin']).to.equal('https://app.example.com');
      expect(res.headers['access-control-allow-credentials']).to.equal('true');
      expect(res.headers['access-control-allow-methods']).to.equal('GET, POST, PUT, PATCH, DELETE');
      for (const h of ['Content-Type', 'Authorization', 'X-Master-Key']) expect(res.headers['access-control-allow-headers']).to.include(h);
      expect(Number(res.headers['access-control-max-age'])).to.be.greaterThan(0);
    });

    it('refuses a preflight from a disallowed origin without CORS headers', async () => {
      const res = await ctx().http.options(f.url('examples/auth')).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expectError(res, 403, 'origin_not_allowed');
      expect(res.headers).to.not.have.property('access-control-allow-origin');
    });

    it('grants a preflight without a key, so the request itself comes and its 403 missing_key can be read', async () => {
      const res = await ctx().http.options('/api/1/ce/examples/auth').set('Origin', 'https://app.example.com');
      expect(res.status).to.equal(204);
      expect(res.headers['access-control-allow-origin']).to.equal('https://app.example.com');
      const request = await ctx().http.post('/api/1/ce/examples/auth').set('Origin', 'https://app.example.com').send({});
      expectError(request, 403, 'missing_key');
    });
  });

  it('logs one line per request without the API key, master key, password or token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const { app, http } = appOn(ctx().storage, { logger });
    try {
      const body = { username: 'ada', password: 'secret-password-1' };
      await http.post(f.url('examples/auth')).send(body);
      const login = await http.post(f.url('examples/auth', { login: 'true', noATCookie: 'true' })).send(body);
      const token = login.headers.authorization!.slice('Bearer '.length);
      await http.get(f.url('examples/auth')).set('Authorization', `Bearer ${token}`);
      await http.get(f.url('examples/auth', { masterKey: f.masterKey }));
      expect(lines).to.have.length(4);
      const log = lines.join('\n');
      for (const secret of [f.project.apiKey, f.masterKey, body.password, token, token.split('.')[2]!]) expect(log).to.not.include(secret);
    } finally {
      await app.shutdown();
    }
  });

  it('keeps a sane client X-Request-Id and replaces a malformed one', async () => {
    const mine = await ctx().http.get('/api/1/ce/x').set('X-Request-Id', 'client-req-12345');
    expect(mine.headers['x-request-id']).to.equal('client-req-12345');
    expect(mine.body.error.request).to.equal('client-req-12345');
    expectError(mine, 403, 'missing_key');
    const bad = await ctx().http.get('/api/1/ce/x').set('X-Request-Id', 'bad id\twith spaces');
    expect(bad.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    expectError(bad, 403, 'missing_key');
  });

  it('answers unknown API routes with the envelope', async () => {
    const res = await ctx().http.get('/api/nope');
    expectError(res, 404, 'not_found');
    expect(res.body.error).to.include({ code: 404, status: 'Not Found', reason: 'not_found' });
  });

  it('answers unsupported methods with 405 in the envelope', async () => {
    const res = await ctx().http.head(f.url('shop/items/v2'));
    expect(res.status).to.equal(405);
    // A HEAD answer has no body; another method shows the envelope.
    expectError(await ctx().http.trace(f.url('shop/items/v2')), 405, 'method_not_allowed');
  });
});
