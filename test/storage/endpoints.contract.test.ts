import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedEndpoint, seedProject, useFreshStorage } from '../helpers/fixtures.js';
import { expectConflict } from '../helpers/errors.js';

forEachAdapter('storage contract: endpoints', (adapter) => {
  const store = useFreshStorage(adapter);

  it('keeps endpoint names unique within a project but not across projects', async () => {
    const a = await seedProject(store());
    const b = await seedProject(store());
    await seedEndpoint(store(), a.id, { name: 'shop/items' });
    await expectConflict(seedEndpoint(store(), a.id, { name: 'shop/items' }), 'name');
    const other = await seedEndpoint(store(), b.id, { name: 'shop/items' });
    expect(await store().findEndpointByName(b.id, 'shop/items')).to.deep.equal(other);
    expect(await store().findEndpointByName(a.id, 'nope/items')).to.equal(null);
  });

  it('updates endpoint flags and access options, and reports renames that collide', async () => {
    const project = await seedProject(store());
    const endpoint = await seedEndpoint(store(), project.id, { name: 'first' });
    await seedEndpoint(store(), project.id, { name: 'second' });
    const updated = await store().updateEndpoint(endpoint.id, {
      secure: true,
      description: 'Notes',
      access: { readOthers: true, updateOthers: false, deleteOthers: true },
    });
    expect(updated).to.deep.include({ secure: true, description: 'Notes', name: 'first' });
    expect(updated!.access).to.deep.equal({ readOthers: true, updateOthers: false, deleteOthers: true });
    await expectConflict(store().updateEndpoint(endpoint.id, { name: 'second' }), 'name');
    expect(await store().findEndpointById(endpoint.id)).to.deep.equal(updated);
    expect(await store().updateEndpoint('missing', { name: 'x' })).to.equal(null);
    expect((await store().listEndpoints(project.id)).map((e) => e.name)).to.deep.equal(['first', 'second']);
  });

  it('deleting an endpoint removes its records, users and sessions only', async () => {
    const s = store();
    const project = await seedProject(s);
    const doomed = await seedEndpoint(s, project.id, { auth: true });
    const kept = await seedEndpoint(s, project.id);
    const user = await s.createUser({ projectId: project.id, endpointId: doomed.id, usernameLower: 'u', emailLower: null, passwordHash: 'h', data: {} });
    const session = await s.createSession({ projectId: project.id, endpointId: doomed.id, userId: user.uniqueId, expiresAt: new Date(Date.now() + 60_000), userAgent: '', ip: '' });
    const keptRecord = await s.createRecord({ projectId: project.id, endpointId: kept.id, creatorId: user.uniqueId, data: 1 });
    expect(await s.deleteEndpoint(doomed.id)).to.equal(true);
    expect(await s.deleteEndpoint(doomed.id)).to.equal(false);
    expect(await s.findEndpointById(doomed.id)).to.equal(null);
    expect(await s.findUserById(doomed.id, user.uniqueId)).to.equal(null);
    expect(await s.findSession(session.id)).to.equal(null);
    expect(await s.countUsers(doomed.id)).to.equal(0);
    expect(await s.findRecords(kept.id, [keptRecord.uniqueId])).to.deep.equal([keptRecord]);
    expect(await s.findEndpointById(kept.id)).to.deep.equal(kept);
  });

  it('deleting a data endpoint removes its records, and no record of another endpoint', async () => {
    const s = store();
    const project = await seedProject(s);
    const doomed = await seedEndpoint(s, project.id);
    const kept = await seedEndpoint(s, project.id);
    const create = (endpointId: string, data: number) => s.createRecord({ projectId: project.id, endpointId, creatorId: null, data });
    const gone = [await create(doomed.id, 1), await create(doomed.id, 2), await create(doomed.id, 3)];
    const stays = await create(kept.id, 4);
    expect(await s.countRecords(doomed.id)).to.equal(3);
    expect(await s.deleteEndpoint(doomed.id)).to.equal(true);
    expect(await s.findRecords(doomed.id, gone.map((r) => r.uniqueId))).to.deep.equal([]);
    expect(await s.countRecords(doomed.id)).to.equal(0);
    expect(await s.listRecords(doomed.id, { limit: 10 })).to.deep.equal([]);
    expect((await s.findRecords(kept.id, [stays.uniqueId])).map((r) => r.data)).to.deep.equal([4]);
    expect(await s.countRecords(kept.id)).to.equal(1);
  });
});
