import { expect } from 'chai';
import { TOKEN_TTL } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { sleep } from '../helpers/fixtures.js';
import { C, newEndpoint, newProject, signUpOwner } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';

const PROJECT_KEYS = ['id', 'name', 'apiKey', 'allowedOrigins', 'disallowNoOrigin', 'hasMasterKey', 'tokenTtlSeconds', 'createdAt', 'updatedAt'];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

forEachAdapter('console API: projects', (adapter) => {
  const ctx = useApp(adapter);

  describe('POST /api/console/projects', () => {
    it('creates a project with defaults, a fresh API key and no master key (201)', async () => {
      const owner = await signUpOwner(ctx().http);
      const res = await ctx().http.post(`${C}/projects`).set(owner.auth).send({ name: 'My shop' });
      expect(res.status).to.equal(201);
      expect(res.body).to.have.all.keys(...PROJECT_KEYS);
      expect(res.body).to.include({ name: 'My shop', disallowNoOrigin: false, hasMasterKey: false, tokenTtlSeconds: TOKEN_TTL.default });
      expect(res.body.allowedOrigins).to.deep.equal([]);
      expect(res.body.apiKey).to.match(/^[0-9a-f]{32}$/);
      expect(res.body.createdAt).to.match(ISO);
      expect(res.body.updatedAt).to.equal(res.body.createdAt);
      const row = await ctx().storage.findProjectById(res.body.id);
      expect(row?.ownerId).to.equal(owner.owner.id);
      expect(row?.jwtSecret).to.match(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(res.body)).to.not.include(row!.jwtSecret);
    });

    it('gives every project its own API key and signing secret', async () => {
      const owner = await signUpOwner(ctx().http);
      const a = await newProject(ctx().http, owner);
      const b = await newProject(ctx().http, owner);
      expect(a.apiKey).to.not.equal(b.apiKey);
      const [ra, rb] = await Promise.all([ctx().storage.findProjectById(a.id), ctx().storage.findProjectById(b.id)]);
      expect(ra!.jwtSecret).to.not.equal(rb!.jwtSecret);
    });

    it('takes every field, normalising the allowed origins from a comma/newline-separated string', async () => {
      const owner = await signUpOwner(ctx().http);
      const res = await ctx().http.post(`${C}/projects`).set(owner.auth).send({
        name: '  Shop_v2.0 - live  ',
        allowedOrigins: 'https://App.Example.com/, http://localhost:5173\nhttps://*.Example.org,https://app.example.com:443',
        disallowNoOrigin: true,
        tokenTtlSeconds: 3600,
      });
      expect(res.status).to.equal(201);
      expect(res.body).to.include({ name: 'Shop_v2.0 - live', disallowNoOrigin: true, tokenTtlSeconds: 3600 });
      expect(res.body.allowedOrigins).to.deep.equal(['https://app.example.com', 'http://localhost:5173', 'https://*.example.org']);
    });

    it('takes the allowed origins as an array too', async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner, { allowedOrigins: ['http://127.0.0.1:8080', ' https://b.example '] });
      expect(project.allowedOrigins).to.deep.equal(['http://127.0.0.1:8080', 'https://b.example']);
    });

    const badOrigins: Array<[unknown, string]> = [
      [['ftp://files.example'], 'ftp://files.example'],
      [['https://a.example/path'], 'https://a.example/path'],
      ['https://ok.example, not an origin', 'not an origin'],
      [['https://a.example:99999'], 'https://a.example:99999'],
      [['http://*.example.com'], 'http://*.example.com'],
      [['https://*.co.uk'], 'https://*.co.uk'],
      ['https://app.example, https://*.github.io', 'https://*.github.io'],
    ];
    for (const [value, entry] of badOrigins) {
      it(`refuses the origin ${entry} with 400 invalid_origin naming it`, async () => {
        const owner = await signUpOwner(ctx().http);
        const res = await ctx().http.post(`${C}/projects`).set(owner.auth).send({ name: 'My shop', allowedOrigins: value });
        expectError(res, 400, 'invalid_origin');
        expect(res.body.error.message).to.include(`"${entry}"`);
        expect(res.body.error.fields.allowedOrigins).to.include(`"${entry}"`);
      });
    }

    it('refuses allowedOrigins that is neither an array of strings nor a string', async () => {
      const owner = await signUpOwner(ctx().http);
      for (const value of [42, [1, 2], { a: 1 }]) {
        const res = await ctx().http.post(`${C}/projects`).set(owner.auth).send({ name: 'My shop', allowedOrigins: value });
        expectError(res, 400, 'invalid_origin');
        expect(res.body.error.fields).to.have.all.keys('allowedOrigins');
      }
    });

    const badNames: Array<[string, unknown]> = [
      ['a missing name', undefined],
      ['a 4-character name', 'abcd'],
      ['a 255-character name', 'x'.repeat(255)],
      ['a name with ";"', 'semi;colon'],
      ['a name with "/"', 'slash/name'],
      ['a number', 42],
      ['a name of spaces only', '     '],
    ];
    for (const [what, name] of badNames) {
      it(`refuses ${what} with 400 invalid_project_name`, async () => {
        const owner = await signUpOwner(ctx().http);
        const res = await ctx().http.post(`${C}/projects`).set(owner.auth).send(name === undefined ? {} : { name });
        expectError(res, 400, 'invalid_project_name');
        expect(res.body.error.fields).to.have.all.keys('name');
      });
    }

    const badTtls: unknown[] = [TOKEN_TTL.min - 1, TOKEN_TTL.max + 1, 1.5, '3600', null];
    for (const ttl of badTtls) {
      it(`refuses tokenTtlSeconds ${JSON.stringify(ttl)} with 400 validation_failed`, async () => {
        const owner = await signUpOwner(ctx().http);
        const res = await ctx().http.post(`${C}/projects`).set(owner.auth).send({ name: 'My shop', tokenTtlSeconds: ttl });
        expectError(res, 400, 'validation_failed');
        expect(res.body.error.fields).to.have.all.keys('tokenTtlSeconds');
        expect(res.body.error.message).to.include('tokenTtlSeconds');
      });
    }

    it('accepts the token lifetime bounds, 5 minutes and 30 days', async () => {
      const owner = await signUpOwner(ctx().http);
      expect((await newProject(ctx().http, owner, { tokenTtlSeconds: TOKEN_TTL.min })).tokenTtlSeconds).to.equal(300);
      expect((await newProject(ctx().http, owner, { tokenTtlSeconds: TOKEN_TTL.max })).tokenTtlSeconds).to.equal(2592000);
    });

    it('names every bad field at once', async () => {
      const owner = await signUpOwner(ctx().http);
      const res = await ctx().http.post(`${C}/projects`).set(owner.auth).send({ name: 'x', allowedOrigins: ['nope'], disallowNoOrigin: 'yes', tokenTtlSeconds: 5 });
      expectError(res, 400, 'invalid_project_name');
      expect(res.body.error.fields).to.have.all.keys('name', 'allowedOrigins', 'disallowNoOrigin', 'tokenTtlSeconds');
    });

    it('requires a JSON object body', async () => {
      const owner = await signUpOwner(ctx().http);
      expectError(await ctx().http.post(`${C}/projects`).set(owner.auth).send(['My shop']), 400, 'invalid_body');
      expectError(await ctx().http.post(`${C}/projects`).set(owner.auth), 400, 'empty_body');
      expectError(await ctx().http.post(`${C}/projects`).set(owner.auth).type('text/plain').send('My shop'), 415, 'unsupported_media_type');
    });

    it('needs a logged-in owner (401)', async () => {
      expectError(await ctx().http.post(`${C}/projects`).send({ name: 'My shop' }), 401, 'unauthorized');
    });
  });

  describe('GET /api/console/projects and /projects/:id', () => {
    it('lists only the owner’s own projects and reads one', async () => {
      const alice = await signUpOwner(ctx().http);
      const bob = await signUpOwner(ctx().http);
      const a1 = await newProject(ctx().http, alice, { name: 'Alice one' });
      const a2 = await newProject(ctx().http, alice, { name: 'Alice two' });
      await newProject(ctx().http, bob, { name: 'Bob only' });
      const list = await ctx().http.get(`${C}/projects`).set(alice.auth);
      expect(list.status).to.equal(200);
      expect(list.body.map((p: { id: string }) => p.id).sort()).to.deep.equal([a1.id, a2.id].sort());
      const one = await ctx().http.get(`${C}/projects/${a2.id}`).set(alice.auth);
      expect(one.status).to.equal(200);
      expect(one.body).to.deep.equal(a2);
    });

    it('answers 404 project_not_found for an unknown id', async () => {
      const owner = await signUpOwner(ctx().http);
      expectError(await ctx().http.get(`${C}/projects/00000000000000000000000000000000`).set(owner.auth), 404, 'project_not_found');
    });
  });

  describe('PATCH /api/console/projects/:id', () => {
    it('changes any of the create fields and moves updatedAt', async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner);
      await sleep(5);
      const res = await ctx().http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({
        name: 'Renamed project', allowedOrigins: ['https://a.example'], disallowNoOrigin: true, tokenTtlSeconds: 600,
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ id: project.id, name: 'Renamed project', apiKey: project.apiKey, disallowNoOrigin: true, tokenTtlSeconds: 600 });
      expect(res.body.allowedOrigins).to.deep.equal(['https://a.example']);
      expect(Date.parse(res.body.updatedAt)).to.be.greaterThan(Date.parse(project.updatedAt));
      expect(res.body.createdAt).to.equal(project.createdAt);
      const again = await ctx().http.get(`${C}/projects/${project.id}`).set(owner.auth);
      expect(again.body).to.deep.equal(res.body);
    });

    it('changes only the fields given, ignores read-only ones, and accepts an empty patch', async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner, { allowedOrigins: ['https://a.example'] });
      const res = await ctx().http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({ tokenTtlSeconds: 900, apiKey: 'f'.repeat(32), hasMasterKey: true });
      expect(res.body).to.include({ name: project.name, apiKey: project.apiKey, hasMasterKey: false, tokenTtlSeconds: 900 });
      expect(res.body.allowedOrigins).to.deep.equal(['https://a.example']);
      const empty = await ctx().http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({});
      expect(empty.status).to.equal(200);
      expect(empty.body).to.deep.equal(res.body);
      const cleared = await ctx().http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({ allowedOrigins: '' });
      expect(cleared.body.allowedOrigins).to.deep.equal([]);
    });

    it('names the bad fields and changes nothing', async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner);
      const res = await ctx().http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({ name: 'Good name', allowedOrigins: 'https://ok.example,gopher://x' });
      expectError(res, 400, 'invalid_origin');
      expect(res.body.error.fields).to.have.all.keys('allowedOrigins');
      expect(res.body.error.message).to.include('"gopher://x"');
      const again = await ctx().http.get(`${C}/projects/${project.id}`).set(owner.auth);
      expect(again.body.name).to.equal(project.name);
    });

    it('is seen by the runtime on its next request (origin policy)', async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner, { allowedOrigins: ['https://a.example'] });
      await newEndpoint(ctx().http, owner, project.id, { name: 'items' });
      const url = ce('items', { key: project.apiKey });
      expect((await ctx().http.get(url).set('Origin', 'https://a.example')).status).to.equal(200);
      await ctx().http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({ allowedOrigins: ['https://b.example'] });
      expectError(await ctx().http.get(url).set('Origin', 'https://a.example'), 403, 'origin_not_allowed');
      await ctx().http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({ disallowNoOrigin: true });
      expectError(await ctx().http.get(url), 403, 'origin_required');
    });
  });

  describe('DELETE /api/console/projects/:id', () => {
    it('removes the project with its endpoints, records, users and sessions', async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner);
      const data = await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
      const auth = await newEndpoint(ctx().http, owner, project.id, { name: 'users', auth: true });
      const record = await ctx().http.post(ce(data.name, { key: project.apiKey })).send({ text: 'hello' });
      expect(record.status).to.equal(201);
      const user = await signUpEndUser(ctx().http, project, auth.name, { email: 'ann@example.com' });
      const [session] = await ctx().storage.listSessions(auth.id, user.id);
      expect(session).to.not.equal(undefined);

      const res = await ctx().http.delete(`${C}/projects/${project.id}`).set(owner.auth);
      expect(res.status).to.equal(204);
      expect(res.text).to.equal('');

      expectError(await ctx().http.get(`${C}/projects/${project.id}`).set(owner.auth), 404, 'project_not_found');
      expect((await ctx().http.get(`${C}/projects`).set(owner.auth)).body).to.deep.equal([]);
      const { storage } = ctx();
      expect(await storage.findProjectById(project.id)).to.equal(null);
      expect(await storage.findEndpointById(data.id)).to.equal(null);
      expect(await storage.findEndpointById(auth.id)).to.equal(null);
      expect(await storage.findRecords(data.id, [record.body.uniqueId])).to.deep.equal([]);
      expect(await storage.findUserById(auth.id, user.id)).to.equal(null);
      expect(await storage.findSession(session!.id)).to.equal(null);
      expectError(await ctx().http.get(ce(data.name, { key: project.apiKey })), 400, 'invalid_key_or_endpoint');
      expectError(await ctx().http.delete(`${C}/projects/${project.id}`).set(owner.auth), 404, 'project_not_found');
    });
  });
});
