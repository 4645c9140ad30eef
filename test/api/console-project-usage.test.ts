import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { TEST_QUOTAS, useApp } from '../helpers/app.js';
import { C, newProject, signUpOwner } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { ce, createRecord } from '../helpers/runtime.js';

const QUOTAS = { ...TEST_QUOTAS, projectsPerOwner: 2, recordsPerProject: 50, bytesPerProject: 4096 };

forEachAdapter('console API: quotas', (adapter) => {
  const ctx = useApp(adapter, { config: { quotas: QUOTAS } });

  describe('POST /api/console/projects', () => {
    it('refuses a project past the projects-per-owner quota with 403 quota_exceeded, for that owner alone, until one is deleted', async () => {
      const owner = await signUpOwner(ctx().http);
      const first = await newProject(ctx().http, owner);
      await newProject(ctx().http, owner);
      const refused = await ctx().http.post(`${C}/projects`).set(owner.auth).send({ name: 'Third' });
      expectError(refused, 403, 'quota_exceeded');
      expect(refused.body.error.message).to.match(/2 projects/);
      expect((await ctx().storage.listProjects(owner.owner.id)).length).to.equal(2);
      await newProject(ctx().http, await signUpOwner(ctx().http));
      expect((await ctx().http.delete(`${C}/projects/${first.id}`).set(owner.auth)).status).to.equal(204);
      await newProject(ctx().http, owner);
    });
  });

  describe('GET /api/console/projects/:id/usage', () => {
    it("answers the project's records and bytes with its quotas", async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner);
      const endpoint = await ctx().http.post(`${C}/projects/${project.id}/endpoints`).set(owner.auth).send({ name: 'items' });
      expect(endpoint.status, JSON.stringify(endpoint.body)).to.equal(201);
      const empty = await ctx().http.get(`${C}/projects/${project.id}/usage`).set(owner.auth);
      expect(empty.status).to.equal(200);
      expect(empty.body).to.deep.equal({ records: 0, bytes: 0, quotas: { records: 50, bytes: 4096, writesPerMinute: 1000 } });
      await createRecord(ctx(), ce('items', { key: project.apiKey }), { name: 'lamp' });
      await createRecord(ctx(), ce('items', { key: project.apiKey }), 'é');
      const res = await ctx().http.get(`${C}/projects/${project.id}/usage`).set(owner.auth);
      expect(res.body).to.include({ records: 2, bytes: Buffer.byteLength('{"name":"lamp"}"é"') });
    });

    it("answers another owner's or a missing project with 404 project_not_found, and a stranger with 401", async () => {
      const owner = await signUpOwner(ctx().http);
      const project = await newProject(ctx().http, owner);
      const stranger = await signUpOwner(ctx().http);
      expectError(await ctx().http.get(`${C}/projects/${project.id}/usage`).set(stranger.auth), 404, 'project_not_found');
      expectError(await ctx().http.get(`${C}/projects/nope/usage`).set(owner.auth), 404, 'project_not_found');
      expectError(await ctx().http.get(`${C}/projects/${project.id}/usage`), 401, 'unauthorized');
    });
  });
});
