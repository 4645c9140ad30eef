import { expect } from 'chai';
import { StorageError } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedEndpoint, seedProject, sleep, useFreshStorage } from '../helpers/fixtures.js';

async function expectConflict(promise: Promise<unknown>, field: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StorageError);
    expect((error as StorageError).code).to.equal('conflict');
    expect((error as StorageError).field).to.equal(field);
    return;
  }
  expect.fail('expected a conflict');
}

forEachAdapter('storage contract: owners and projects', (adapter) => {
  const store = useFreshStorage(adapter);

  it('finds an owner by email case-insensitively and refuses a second owner with the same email', async () => {
    const owner = await store().createOwner({ email: 'Ada@Example.com', name: 'Ada', passwordHash: 'h' });
    expect(owner.id).to.match(/^[0-9a-f]{32}$/);
    expect((await store().findOwnerByEmail('ada@example.COM'))?.id).to.equal(owner.id);
    expect(await store().findOwnerByEmail('nobody@example.com')).to.equal(null);
    await expectConflict(store().createOwner({ email: 'ADA@example.com', name: 'Other', passwordHash: 'h' }), 'email');
  });

  it('stores owner sessions by token hash and revokes them once', async () => {
    const owner = await store().createOwner({ email: 'a@example.com', name: 'A', passwordHash: 'h' });
    const expiresAt = new Date(Date.now() + 60_000);
    const session = await store().createOwnerSession({ ownerId: owner.id, tokenHash: 'th', expiresAt });
    const found = await store().findOwnerSessionByTokenHash('th');
    expect(found).to.deep.include({ id: session.id, ownerId: owner.id, revokedAt: null });
    expect(found?.expiresAt.getTime()).to.equal(expiresAt.getTime());
    expect(await store().revokeOwnerSession(session.id)).to.equal(true);
    expect(await store().revokeOwnerSession(session.id)).to.equal(false);
    expect((await store().findOwnerSessionByTokenHash('th'))?.revokedAt).to.be.instanceOf(Date);
  });

  it('creates, finds, lists and updates projects, moving updatedAt', async () => {
    const project = await seedProject(store(), { allowedOrigins: ['https://a.example', 'https://*.b.example'] });
    expect(project.allowedOrigins).to.deep.equal(['https://a.example', 'https://*.b.example']);
    expect((await store().findProjectByApiKey(project.apiKey))?.id).to.equal(project.id);
    expect(await store().listProjects(project.ownerId)).to.have.length(1);
    await sleep(5);
    const updated = await store().updateProject(project.id, { name: 'Renamed', disallowNoOrigin: true, masterKeyHash: 'mh' });
    expect(updated).to.deep.include({ name: 'Renamed', disallowNoOrigin: true, masterKeyHash: 'mh', apiKey: project.apiKey });
    expect(updated!.updatedAt.getTime()).to.be.greaterThan(project.updatedAt.getTime());
    expect(await store().updateProject('missing', { name: 'x' })).to.equal(null);
    const cleared = await store().updateProject(project.id, { masterKeyHash: null, allowedOrigins: [] });
    expect(cleared).to.deep.include({ masterKeyHash: null, allowedOrigins: [] });
  });

  it('refuses two projects with the same API key', async () => {
    const project = await seedProject(store());
    await expectConflict(seedProject(store(), { apiKey: project.apiKey }), 'apiKey');
  });

  it('keeps endpoint names unique within a project but not across projects', async () => {
    const a = await seedProject(store());
    const b = await seedProject(store());
    await seedEndpoint(store(), a.id, { name: 'shop/items' });
    await expectConflict(seedEndpoint(store(), a.id, { name: 'shop/items' }), 'name');
    const other = await seedEndpoint(store(), b.id, { name: 'shop/items' });
    expect((await store().findEndpointByName(b.id, 'shop/items'))?.id).to.equal(other.id);
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
    expect((await store().listEndpoints(project.id)).map((e) => e.name)).to.deep.equal(['first', 'second']);
  });

  it('deleting a project removes its endpoints, records, users and sessions, and nothing of another project', async () => {
    const s = store();
    const doomed = await seedProject(s);
    const kept = await seedProject(s);
    const seed = async (projectId: string) => {
      const data = await seedEndpoint(s, projectId);
      const auth = await seedEndpoint(s, projectId, { auth: true });
      const record = await s.createRecord({ projectId, endpointId: data.id, creatorId: null, data: { a: 1 } });
      const user = await s.createUser({ projectId, endpointId: auth.id, usernameLower: 'u', emailLower: null, passwordHash: 'h', data: { username: 'u' } });
      const session = await s.createSession({ projectId, endpointId: auth.id, userId: user.uniqueId, expiresAt: new Date(Date.now() + 60_000), userAgent: 'ua', ip: '127.0.0.1' });
      return { data, auth, record, user, session };
    };
    const d = await seed(doomed.id);
    const k = await seed(kept.id);
    expect(await s.deleteProject(doomed.id)).to.equal(true);
    expect(await s.deleteProject(doomed.id)).to.equal(false);
    expect(await s.findProjectById(doomed.id)).to.equal(null);
    expect(await s.findEndpointById(d.data.id)).to.equal(null);
    expect(await s.findRecords(d.data.id, [d.record.uniqueId])).to.deep.equal([]);
    expect(await s.findUserById(d.auth.id, d.user.uniqueId)).to.equal(null);
    expect(await s.findSession(d.session.id)).to.equal(null);
    expect(await s.findRecords(k.data.id, [k.record.uniqueId])).to.have.length(1);
    expect(await s.findUserById(k.auth.id, k.user.uniqueId)).to.not.equal(null);
    expect(await s.findSession(k.session.id)).to.not.equal(null);
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
    expect(await s.findRecords(kept.id, [keptRecord.uniqueId])).to.have.length(1);
    expect(await s.findEndpointById(kept.id)).to.not.equal(null);
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
