import { expect } from 'chai';
import { QUERY_SCAN_MAX } from '@rested/server/testing';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, newEndpoint, newProject, signUpOwner } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { ce } from '../helpers/runtime.js';

forEachAdapter('console API: endpoint indexes', (adapter) => {
  const ctx = useApp(adapter);

  async function setup() {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const endpoint = await newEndpoint(ctx().http, owner, project.id, { name: 'people' });
    return { owner, project, endpoint, url: `${C}/projects/${project.id}/endpoints/${endpoint.id}` };
  }

  it('declares, lists, replaces and removes indexes; the runtime lifts index_required at once', async function () {
    this.timeout(60_000);
    const { owner, project, endpoint, url } = await setup();
    expect(endpoint.indexes).to.deep.equal([]);
    const writes = Array.from({ length: QUERY_SCAN_MAX + 1 }, (_, i) =>
      ctx().storage.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { age: i % 50 } }));
    await Promise.all(writes);
    const query = ce('people', { key: project.apiKey, where: '{"data.age": 7}', count: 'true', limit: '1' });
    expectError(await ctx().http.get(query), 400, 'index_required');

    const declared = await ctx().http.patch(url).set(owner.auth).send({ indexes: ['data.age', 'data.email', 'data.age'] });
    expect(declared.status, JSON.stringify(declared.body)).to.equal(200);
    expect(declared.body.indexes).to.deep.equal(['data.age', 'data.email']);
    expect((await ctx().http.get(url).set(owner.auth)).body.indexes).to.deep.equal(['data.age', 'data.email']);
    const served = await ctx().http.get(query);
    expect(served.status, JSON.stringify(served.body)).to.equal(200);
    expect(served.headers['x-total-count']).to.equal('200');

    const replaced = await ctx().http.patch(url).set(owner.auth).send({ indexes: ['data.email'] });
    expect(replaced.body.indexes).to.deep.equal(['data.email']);
    expectError(await ctx().http.get(query), 400, 'index_required');
    expect((await ctx().http.patch(url).set(owner.auth).send({ indexes: [] })).body.indexes).to.deep.equal([]);
  });

  it('takes indexes when the endpoint is created', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const res = await ctx().http.post(`${C}/projects/${project.id}/endpoints`).set(owner.auth).send({ name: 'tagged', indexes: ['data.tag'] });
    expect(res.status).to.equal(201);
    expect(res.body.indexes).to.deep.equal(['data.tag']);
  });

  const BAD: Array<[string, unknown, RegExp]> = [
    ['not an array', 'data.age', /must be an array/],
    ['a field outside data', ['createdAt'], /names a data field/],
    ['bare data', ['data'], /names a data field/],
    ['a dash in the path', ['data.first-name'], /names a data field/],
    ['an array position', ['data.tags.0'], /cannot name an array position/],
    ['not a string', [5], /names a data field/],
    ['more than ten', Array.from({ length: 11 }, (_, i) => `data.f${i}`), /at most 10 indexes/],
  ];
  for (const [what, indexes, message] of BAD) {
    it(`refuses indexes that are ${what} with 400 validation_failed, changing nothing`, async () => {
      const { owner, url } = await setup();
      await ctx().http.patch(url).set(owner.auth).send({ indexes: ['data.kept'] });
      const res = await ctx().http.patch(url).set(owner.auth).send({ indexes, description: 'not saved either' });
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.fields.indexes).to.match(message);
      const after = await ctx().http.get(url).set(owner.auth);
      expect(after.body.indexes).to.deep.equal(['data.kept']);
      expect(after.body.description).to.equal('');
    });
  }
});
