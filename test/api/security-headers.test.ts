import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, signUpOwner } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

/** A stand-in for the built dashboard: its page and one hashed asset. */
const DASHBOARD = mkdtempSync(join(tmpdir(), 'rested-dashboard-'));
mkdirSync(join(DASHBOARD, 'assets'));
writeFileSync(join(DASHBOARD, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1.js"></script>');
writeFileSync(join(DASHBOARD, 'assets', 'app-1.js'), 'console.log(1)');
after(() => rmSync(DASHBOARD, { recursive: true, force: true }));

const nosniff = (res: Response) => expect(res.headers['x-content-type-options'], `nosniff on ${res.status}`).to.equal('nosniff');
const noStore = (res: Response) => expect(res.headers['cache-control'], `no-store on ${res.status}`).to.equal('no-store');

forEachAdapter('headers on every answer', (adapter) => {
  const ctx = useApp(adapter, { config: { dashboardDir: DASHBOARD } });
  let f: RuntimeFixture;
  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'notes' }] });
  });

  it('gives runtime answers, errors included, no-store and nosniff', async () => {
    const created = await ctx().http.post(f.url('notes')).send({ text: 'private' });
    expect(created.status).to.equal(201);
    const read = await ctx().http.get(f.url('notes'));
    expect(read.status).to.equal(200);
    const preflight = await ctx().http.options(f.url('notes')).set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'PUT');
    const refused = await ctx().http.get(f.url('notes', { key: '0'.repeat(32) }));
    expectError(refused, 400, 'invalid_key_or_endpoint');
    const missing = await ctx().http.get(f.url('notes', { uniqueId: '0'.repeat(32) }));
    expectError(missing, 404, 'record_not_found');
    for (const res of [created, read, preflight, refused, missing]) {
      nosniff(res);
      noStore(res);
    }
  });

  it('gives console answers, errors included, no-store and nosniff', async () => {
    const owner = await signUpOwner(ctx().http);
    const projects = await ctx().http.get(`${C}/projects`).set(owner.auth);
    expect(projects.status).to.equal(200);
    const unauthorized = await ctx().http.get(`${C}/projects`);
    expectError(unauthorized, 401, 'unauthorized');
    const noRoute = await ctx().http.get('/api/nothing-here');
    expectError(noRoute, 404, 'not_found');
    for (const res of [projects, unauthorized, noRoute]) {
      nosniff(res);
      noStore(res);
    }
  });

  it('gives health, dashboard files and 404s outside the API nosniff', async () => {
    const answers = await Promise.all(['/health', '/', '/projects/abc', '/assets/app-1.js', '/assets/missing.js'].map((path) => ctx().http.get(path)));
    expect(answers.map((res) => res.status)).to.deep.equal([200, 200, 200, 200, 404]);
    answers.forEach(nosniff);
  });

  it('serves the dashboard page with a Content-Security-Policy that forbids framing and foreign code', async () => {
    for (const path of ['/', '/index.html', '/projects/abc']) {
      const res = await ctx().http.get(path);
      expect(res.type, path).to.equal('text/html');
      const policy = Object.fromEntries(
        String(res.headers['content-security-policy']).split(';').map((part) => {
          const [name, ...values] = part.trim().split(/\s+/);
          return [name, values.join(' ')];
        }),
      );
      expect(policy, path).to.include({
        'default-src': "'self'",
        'script-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers['x-frame-options'], path).to.equal('DENY');
    }
  });
});
