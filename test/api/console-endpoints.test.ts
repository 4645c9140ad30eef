import { expect } from 'chai';
import type { Project } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { sleep } from '../helpers/fixtures.js';
import { C, newEndpoint, newProject, signUpOwner, type SignedUp } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';

const ENDPOINT_KEYS = ['id', 'projectId', 'name', 'description', 'auth', 'files', 'maxFileBytes', 'allowedTypes', 'secure', 'requireVerifiedEmail', 'access', 'indexes', 'recordCount', 'createdAt', 'updatedAt'];
const NO_ACCESS = { readOthers: false, updateOthers: false, deleteOthers: false };

forEachAdapter('console API: endpoints', (adapter) => {
  const ctx = useApp(adapter);

  async function setup(): Promise<{ owner: SignedUp; project: Project; url: string }> {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    return { owner, project, url: `${C}/projects/${project.id}/endpoints` };
  }

  describe('POST /api/console/projects/:id/endpoints', () => {
    it('creates a public data endpoint with defaults (201)', async () => {
      const { owner, project, url } = await setup();
      const res = await ctx().http.post(url).set(owner.auth).send({ name: 'notes' });
      expect(res.status).to.equal(201);
      expect(res.body).to.have.all.keys(...ENDPOINT_KEYS);
      expect(res.body).to.include({ projectId: project.id, name: 'notes', description: '', auth: false, secure: false, requireVerifiedEmail: false, recordCount: 0 });
      expect(res.body.access).to.deep.equal(NO_ACCESS);
      expect(res.body.id).to.match(/^[0-9a-f]{32}$/);
      expect((await ctx().http.post(ce('notes', { key: project.apiKey })).send({ a: 1 })).status).to.equal(201);
    });

    it('takes a name with slashes, a description, secure and partial access options', async () => {
      const { owner, project, url } = await setup();
      const res = await ctx().http.post(url).set(owner.auth).send({
        name: 'shop/v2/orders', description: 'Orders of the shop', secure: true, access: { readOthers: true },
      });
      expect(res.status).to.equal(201);
      expect(res.body).to.include({ name: 'shop/v2/orders', description: 'Orders of the shop', secure: true, auth: false });
      expect(res.body.access).to.deep.equal({ readOthers: true, updateOthers: false, deleteOthers: false });
      expectError(await ctx().http.get(ce('shop/v2/orders', { key: project.apiKey })), 401, 'token_missing');
    });

    it('makes an authentication endpoint, which is always secure', async () => {
      const { owner, project, url } = await setup();
      const res = await ctx().http.post(url).set(owner.auth).send({ name: 'users', auth: true, secure: false });
      expect(res.status).to.equal(201);
      expect(res.body).to.include({ auth: true, secure: true });
      const reg = await ctx().http.post(ce('users', { key: project.apiKey })).send({ email: 'a@example.com', password: 'password1' });
      expect(reg.status).to.equal(201);
    });

    const badNames: Array<[string, unknown]> = [
      ['a missing name', undefined],
      ['a 4-character name', 'abcd'],
      ['a 255-character name', 'a'.repeat(255)],
      ['capital letters', 'Notes'],
      ['an underscore', 'my_notes'],
      ['a leading slash', '/notes'],
      ['a trailing dash', 'notes-'],
      ['a double dash', 'my--notes'],
      ['a double slash', 'my//notes'],
      ['a number', 12345],
    ];
    for (const [what, name] of badNames) {
      it(`refuses ${what} with 400 invalid_endpoint_name`, async () => {
        const { owner, url } = await setup();
        const res = await ctx().http.post(url).set(owner.auth).send(name === undefined ? {} : { name });
        expectError(res, 400, 'invalid_endpoint_name');
        expect(res.body.error.fields).to.have.all.keys('name');
      });
    }

    it('refuses a name already used in the project (409 endpoint_exists), but not in another project', async () => {
      const { owner, project, url } = await setup();
      await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
      const res = await ctx().http.post(url).set(owner.auth).send({ name: 'notes', auth: true });
      expectError(res, 409, 'endpoint_exists');
      expect(res.body.error.fields).to.have.all.keys('name');
      const other = await newProject(ctx().http, owner);
      expect((await newEndpoint(ctx().http, owner, other.id, { name: 'notes' })).name).to.equal('notes');
    });

    it('names every other bad field', async () => {
      const { owner, url } = await setup();
      const res = await ctx().http.post(url).set(owner.auth).send({
        name: 'notes', description: 'x'.repeat(2001), auth: 'yes', secure: 1, access: { readOthers: 'true' },
      });
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.fields).to.have.all.keys('description', 'auth', 'secure', 'access');
      const notObject = await ctx().http.post(url).set(owner.auth).send({ name: 'notes', access: [true] });
      expect(notObject.body.error.fields).to.have.all.keys('access');
    });

    it('answers 404 project_not_found for an unknown project', async () => {
      const { owner } = await setup();
      const res = await ctx().http.post(`${C}/projects/nope/endpoints`).set(owner.auth).send({ name: 'notes' });
      expectError(res, 404, 'project_not_found');
    });
  });

  describe('GET /api/console/projects/:id/endpoints and …/:endpointId', () => {
    it('lists the project’s endpoints with their record and user counts, and reads one', async () => {
      const { owner, project, url } = await setup();
      const notes = await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
      const users = await newEndpoint(ctx().http, owner, project.id, { name: 'users', auth: true });
      for (const text of ['a', 'b', 'c']) await ctx().http.post(ce('notes', { key: project.apiKey })).send({ text });
      await signUpEndUser(ctx().http, project, 'users', { email: 'ann@example.com' });
      await signUpEndUser(ctx().http, project, 'users', { email: 'bob@example.com' });

      const list = await ctx().http.get(url).set(owner.auth);
      expect(list.status).to.equal(200);
      const counts = Object.fromEntries(list.body.map((e: { name: string; recordCount: number }) => [e.name, e.recordCount]));
      expect(counts).to.deep.equal({ notes: 3, users: 2 });

      const one = await ctx().http.get(`${url}/${notes.id}`).set(owner.auth);
      expect(one.status).to.equal(200);
      expect(one.body).to.deep.include({ id: notes.id, name: 'notes', recordCount: 3 });
      expect((await ctx().http.get(`${url}/${users.id}`).set(owner.auth)).body.recordCount).to.equal(2);
    });

    it('answers 404 endpoint_not_found for an unknown endpoint and for one of another project', async () => {
      const { owner, project, url } = await setup();
      const other = await newProject(ctx().http, owner);
      const foreign = await newEndpoint(ctx().http, owner, other.id, { name: 'notes' });
      expectError(await ctx().http.get(`${url}/unknown-id`).set(owner.auth), 404, 'endpoint_not_found');
      expectError(await ctx().http.get(`${url}/${foreign.id}`).set(owner.auth), 404, 'endpoint_not_found');
      expectError(await ctx().http.patch(`${url}/${foreign.id}`).set(owner.auth).send({ description: 'x' }), 404, 'endpoint_not_found');
      expectError(await ctx().http.delete(`${url}/${foreign.id}`).set(owner.auth), 404, 'endpoint_not_found');
      expect(await ctx().storage.findEndpointById(foreign.id)).to.not.equal(null);
      expect(await ctx().storage.findEndpointById(foreign.id).then((e) => e?.projectId)).to.not.equal(project.id);
    });
  });

  describe('PATCH /api/console/projects/:id/endpoints/:endpointId', () => {
    it('renames the endpoint; the runtime drops the old name and serves the new one at once', async () => {
      const { owner, project, url } = await setup();
      const notes = await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
      expect((await ctx().http.get(ce('notes', { key: project.apiKey }))).status).to.equal(200);
      await sleep(5);
      const res = await ctx().http.patch(`${url}/${notes.id}`).set(owner.auth).send({ name: 'memos/all', description: 'Renamed' });
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ id: notes.id, name: 'memos/all', description: 'Renamed' });
      expect(Date.parse(res.body.updatedAt)).to.be.greaterThan(Date.parse(notes.updatedAt));
      expectError(await ctx().http.get(ce('notes', { key: project.apiKey })), 400, 'invalid_key_or_endpoint');
      expect((await ctx().http.get(ce('memos/all', { key: project.apiKey }))).status).to.equal(200);
    });

    it('makes an endpoint secure at once and merges access options', async () => {
      const { owner, project, url } = await setup();
      const notes = await newEndpoint(ctx().http, owner, project.id, { name: 'notes', access: { deleteOthers: true } });
      expect((await ctx().http.get(ce('notes', { key: project.apiKey }))).status).to.equal(200);
      const res = await ctx().http.patch(`${url}/${notes.id}`).set(owner.auth).send({ secure: true, access: { readOthers: true } });
      expect(res.body.secure).to.equal(true);
      expect(res.body.access).to.deep.equal({ readOthers: true, updateOthers: false, deleteOthers: true });
      expectError(await ctx().http.get(ce('notes', { key: project.apiKey })), 401, 'token_missing');
    });

    it('refuses to change an endpoint’s kind (auth), and keeps an auth endpoint secure', async () => {
      const { owner, project, url } = await setup();
      const users = await newEndpoint(ctx().http, owner, project.id, { name: 'users', auth: true });
      const res = await ctx().http.patch(`${url}/${users.id}`).set(owner.auth).send({ auth: false });
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.fields).to.have.all.keys('auth');
      const same = await ctx().http.patch(`${url}/${users.id}`).set(owner.auth).send({ auth: true, secure: false, description: 'People' });
      expect(same.status).to.equal(200);
      expect(same.body).to.include({ auth: true, secure: true, description: 'People' });
    });

    it('refuses a rename to a name taken in the project (409) and invalid names (400)', async () => {
      const { owner, project, url } = await setup();
      await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
      const memos = await newEndpoint(ctx().http, owner, project.id, { name: 'memos' });
      expectError(await ctx().http.patch(`${url}/${memos.id}`).set(owner.auth).send({ name: 'notes' }), 409, 'endpoint_exists');
      const bad = await ctx().http.patch(`${url}/${memos.id}`).set(owner.auth).send({ name: 'Bad Name' });
      expectError(bad, 400, 'invalid_endpoint_name');
      expect(bad.body.error.fields).to.have.all.keys('name');
      expect((await ctx().http.get(`${url}/${memos.id}`).set(owner.auth)).body.name).to.equal('memos');
    });
  });

  describe('DELETE /api/console/projects/:id/endpoints/:endpointId', () => {
    it('removes a data endpoint with all its records', async () => {
      const { owner, project, url } = await setup();
      const notes = await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
      const rec = await ctx().http.post(ce('notes', { key: project.apiKey })).send({ a: 1 });
      expect((await ctx().http.get(ce('notes', { key: project.apiKey }))).status).to.equal(200);
      expect((await ctx().http.delete(`${url}/${notes.id}`).set(owner.auth)).status).to.equal(204);
      expect(await ctx().storage.findEndpointById(notes.id)).to.equal(null);
      expect(await ctx().storage.findRecords(notes.id, [rec.body.uniqueId])).to.deep.equal([]);
      expectError(await ctx().http.get(ce('notes', { key: project.apiKey })), 400, 'invalid_key_or_endpoint');
      expectError(await ctx().http.get(`${url}/${notes.id}`).set(owner.auth), 404, 'endpoint_not_found');
      expect((await ctx().http.get(url).set(owner.auth)).body).to.deep.equal([]);
    });

    it('removes an auth endpoint with its users and their sessions', async () => {
      const { owner, project, url } = await setup();
      const users = await newEndpoint(ctx().http, owner, project.id, { name: 'users', auth: true });
      const ann = await signUpEndUser(ctx().http, project, 'users', { email: 'ann@example.com' });
      const [session] = await ctx().storage.listSessions(users.id, ann.id);
      expect((await ctx().http.delete(`${url}/${users.id}`).set(owner.auth)).status).to.equal(204);
      expect(await ctx().storage.findUserById(users.id, ann.id)).to.equal(null);
      expect(await ctx().storage.findSession(session!.id)).to.equal(null);
    });
  });
});
