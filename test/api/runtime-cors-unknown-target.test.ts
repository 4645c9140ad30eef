import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

/* docs/runtime-api.md, "CORS": a page can read why a missing key or an unknown endpoint was refused. */
forEachAdapter('runtime API: CORS on missing keys and unknown endpoints', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'items' }], allowedOrigins: ['https://app.example'] });
  });

  const granted = (res: { headers: Record<string, string> }, origin: string) => {
    expect(res.headers['access-control-allow-origin']).to.equal(origin);
    expect(res.headers['access-control-expose-headers']).to.include('X-Request-Id');
  };

  it('answers 403 missing_key with CORS headers for any Origin', async () => {
    const res = await ctx().http.get('/api/1/ce/items').set('Origin', 'https://anyone.example');
    expectError(res, 403, 'missing_key');
    granted(res, 'https://anyone.example');
  });

  it('answers an unknown key with 400 invalid_key_or_endpoint and CORS headers for any Origin', async () => {
    const res = await ctx().http.get('/api/1/ce/items?key=0123456789abcdef0123456789abcdef').set('Origin', 'https://anyone.example');
    expectError(res, 400, 'invalid_key_or_endpoint');
    granted(res, 'https://anyone.example');
  });

  it("grants an unknown endpoint of a known key only to an origin the project allows", async () => {
    const allowed = await ctx().http.get(f.url('itemz')).set('Origin', 'https://app.example');
    expectError(allowed, 400, 'invalid_key_or_endpoint');
    granted(allowed, 'https://app.example');
    const other = await ctx().http.get(f.url('itemz')).set('Origin', 'https://evil.example');
    expectError(other, 400, 'invalid_key_or_endpoint');
    expect(other.headers).to.not.have.property('access-control-allow-origin');
  });

  it('grants the preflight of a request without a key, so the request itself can be read', async () => {
    const res = await ctx().http.options('/api/1/ce/items').set('Origin', 'https://anyone.example').set('Access-Control-Request-Method', 'POST');
    expect(res.status).to.equal(204);
    granted(res, 'https://anyone.example');
    expect(res.headers['access-control-allow-methods']).to.include('POST');
  });

  it('still gives a disallowed origin no grant on a known endpoint', async () => {
    const res = await ctx().http.get(f.url('items')).set('Origin', 'https://evil.example');
    expectError(res, 403, 'origin_not_allowed');
    expect(res.headers).to.not.have.property('access-control-allow-origin');
  });
});
