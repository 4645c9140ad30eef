import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { TEST_SECRET, appOn, useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import type { Project } from '@rested/shared';
import { hashMasterKey } from '@rested/server';
import { C, newEndpoint, newProject, signUpOwner, type SignedUp } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { ce } from '../helpers/runtime.js';

forEachAdapter('console API: project keys', (adapter) => {
  const ctx = useApp(adapter);

  /** An owner with a project, a data endpoint `items` and one record in it. */
  async function setup(): Promise<{ owner: SignedUp; project: Project }> {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    await newEndpoint(ctx().http, owner, project.id, { name: 'items', secure: true });
    return { owner, project };
  }

  const createMasterKey = async (owner: SignedUp, project: Project): Promise<string> => {
    const res = await ctx().http.post(`${C}/projects/${project.id}/master-key`).set(owner.auth);
    expect(res.status).to.equal(201);
    expect(res.body).to.have.all.keys('masterKey');
    expect(res.body.masterKey).to.match(/^[0-9a-f]{32}$/);
    expect(res.headers['cache-control']).to.equal('no-store');
    return res.body.masterKey as string;
  };

  describe('POST /api/console/projects/:id/api-key', () => {
    it('answers the project with a new key; the old key is refused by the runtime on the next request', async () => {
      const { owner, project } = await setup();
      const oldKey = project.apiKey;
      // Warm the runtime's lookup cache with the old key first.
      const master = await createMasterKey(owner, project);
      expect((await ctx().http.get(ce('items', { key: oldKey, masterKey: master }))).status).to.equal(200);

      const res = await ctx().http.post(`${C}/projects/${project.id}/api-key`).set(owner.auth);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ id: project.id, name: project.name, hasMasterKey: true });
      expect(res.body.apiKey).to.match(/^[0-9a-f]{32}$/).and.not.equal(oldKey);

      expectError(await ctx().http.get(ce('items', { key: oldKey, masterKey: master })), 400, 'invalid_key_or_endpoint');
      expect((await ctx().http.get(ce('items', { key: res.body.apiKey, masterKey: master }))).status).to.equal(200);
      const read = await ctx().http.get(`${C}/projects/${project.id}`).set(owner.auth);
      expect(read.body.apiKey).to.equal(res.body.apiKey);
    });
  });

  describe('POST /api/console/projects/:id/master-key', () => {
    it('shows the key once, stores only its hash, and the runtime accepts it as ?masterKey= and X-Master-Key', async () => {
      const { owner, project } = await setup();
      const master = await createMasterKey(owner, project);
      const row = await ctx().storage.findProjectById(project.id);
      expect(row?.masterKeyHash).to.equal(hashMasterKey(TEST_SECRET, master));
      expect(row?.masterKeyHash).to.not.include(master);

      const read = await ctx().http.get(`${C}/projects/${project.id}`).set(owner.auth);
      expect(read.body.hasMasterKey).to.equal(true);
      expect(JSON.stringify(read.body)).to.not.include(master).and.not.include(row!.masterKeyHash!);
      const list = await ctx().http.get(`${C}/projects`).set(owner.auth);
      expect(JSON.stringify(list.body)).to.not.include(master);

      // `items` is secure: without a token only the master key gets in.
      expectError(await ctx().http.get(ce('items', { key: project.apiKey })), 401, 'token_missing');
      expect((await ctx().http.get(ce('items', { key: project.apiKey, masterKey: master }))).status).to.equal(200);
      expect((await ctx().http.get(ce('items', { key: project.apiKey })).set('X-Master-Key', master)).status).to.equal(200);
    });

    it('replaces an earlier master key: the old one is refused at once (401), the new one works', async () => {
      const { owner, project } = await setup();
      const first = await createMasterKey(owner, project);
      expect((await ctx().http.get(ce('items', { key: project.apiKey, masterKey: first }))).status).to.equal(200);
      const second = await createMasterKey(owner, project);
      expect(second).to.not.equal(first);
      expectError(await ctx().http.get(ce('items', { key: project.apiKey, masterKey: first })), 401, 'unauthorized');
      expectError(await ctx().http.get(ce('items', { key: project.apiKey })).set('X-Master-Key', first), 401, 'unauthorized');
      expect((await ctx().http.get(ce('items', { key: project.apiKey, masterKey: second }))).status).to.equal(200);
    });
  });

  describe('DELETE /api/console/projects/:id/master-key', () => {
    it('removes the master key: the runtime refuses it at once (401) and hasMasterKey turns false', async () => {
      const { owner, project } = await setup();
      const master = await createMasterKey(owner, project);
      expect((await ctx().http.get(ce('items', { key: project.apiKey })).set('X-Master-Key', master)).status).to.equal(200);
      const res = await ctx().http.delete(`${C}/projects/${project.id}/master-key`).set(owner.auth);
      expect(res.status).to.equal(204);
      expectError(await ctx().http.get(ce('items', { key: project.apiKey })).set('X-Master-Key', master), 401, 'unauthorized');
      expectError(await ctx().http.get(ce('items', { key: project.apiKey, masterKey: master })), 401, 'unauthorized');
      expect((await ctx().storage.findProjectById(project.id))?.masterKeyHash).to.equal(null);
      expect((await ctx().http.get(`${C}/projects/${project.id}`).set(owner.auth)).body.hasMasterKey).to.equal(false);
    });

    it('answers 204 also when there is no master key', async () => {
      const { owner, project } = await setup();
      expect((await ctx().http.delete(`${C}/projects/${project.id}/master-key`).set(owner.auth)).status).to.equal(204);
    });
  });
});

forEachAdapter('console API: project keys seen by another server instance', (adapter) => {
  const CACHE_TTL_MS = 2000;
  const clock = manualClock();
  const ctx = useApp(adapter, { clock, config: { cacheTtlMs: CACHE_TTL_MS } });

  /** A second app on the same store, as a second server instance would be; changes are made through the first. */
  const otherInstance = () => appOn(ctx().storage, { clock, config: { cacheTtlMs: CACHE_TTL_MS } });

  it('refuses a rotated API key and a deleted master key once CACHE_TTL_MS has passed', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    await newEndpoint(ctx().http, owner, project.id, { name: 'items', secure: true });
    const master = (await ctx().http.post(`${C}/projects/${project.id}/master-key`).set(owner.auth)).body.masterKey as string;
    const other = otherInstance();
    try {
      const read = (key: string) => other.http.get(ce('items', { key })).set('X-Master-Key', master);
      expect((await read(project.apiKey)).status).to.equal(200); // now cached over there

      const rotated = await ctx().http.post(`${C}/projects/${project.id}/api-key`).set(owner.auth);
      expectError(await ctx().http.get(ce('items', { key: project.apiKey })).set('X-Master-Key', master), 400, 'invalid_key_or_endpoint');
      clock.advance(CACHE_TTL_MS + 1);
      expectError(await read(project.apiKey), 400, 'invalid_key_or_endpoint');
      expect((await read(rotated.body.apiKey)).status).to.equal(200);

      expect((await ctx().http.delete(`${C}/projects/${project.id}/master-key`).set(owner.auth)).status).to.equal(204);
      clock.advance(CACHE_TTL_MS + 1);
      expectError(await read(rotated.body.apiKey), 401, 'unauthorized');
    } finally {
      await other.app.shutdown();
    }
  });
});
