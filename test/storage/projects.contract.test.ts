import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedEndpoint, seedProject, sleep, useFreshStorage } from '../helpers/fixtures.js';
import { expectConflict } from '../helpers/errors.js';

forEachAdapter('storage contract: projects', (adapter) => {
  const store = useFreshStorage(adapter);

  it('creates, finds, lists and updates projects, moving updatedAt', async () => {
    const project = await seedProject(store(), { allowedOrigins: ['https://a.example', 'https://*.b.example'] });
    expect(project.allowedOrigins).to.deep.equal(['https://a.example', 'https://*.b.example']);
    expect(await store().findProjectByApiKey(project.apiKey)).to.deep.equal(project);
    expect(await store().findProjectById(project.id)).to.deep.equal(project);
    expect(await store().findProjectByApiKey('no-such-key')).to.equal(null);
    expect((await store().listProjects(project.ownerId)).map((p) => p.id)).to.deep.equal([project.id]);
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
    expect(await s.findRecords(k.data.id, [k.record.uniqueId])).to.deep.equal([k.record]);
    expect(await s.findUserById(k.auth.id, k.user.uniqueId)).to.deep.equal(k.user);
    expect(await s.findSession(k.session.id)).to.deep.equal(k.session);
  });

  describe('projectUsage', () => {
    const bytes = (data: unknown) => Buffer.byteLength(JSON.stringify(data));

    it('counts the records and end users of the project and the UTF-8 bytes of their data, through every write', async () => {
      const s = store();
      const project = await seedProject(s);
      const other = await seedProject(s);
      expect(await s.projectUsage(project.id)).to.deep.equal({ records: 0, bytes: 0 });
      expect(await s.projectUsage('no-such-project')).to.deep.equal({ records: 0, bytes: 0 });
      const data = await seedEndpoint(s, project.id);
      const auth = await seedEndpoint(s, project.id, { auth: true });
      const first = { name: 'Zoë', tags: ['€', 'ü'] };
      const r1 = await s.createRecord({ projectId: project.id, endpointId: data.id, creatorId: null, data: first });
      await s.createRecord({ projectId: project.id, endpointId: data.id, creatorId: null, data: 'text' });
      const user = await s.createUser({ projectId: project.id, endpointId: auth.id, usernameLower: 'u', emailLower: null, passwordHash: 'h', data: { username: 'u' } });
      await s.createRecord({ projectId: other.id, endpointId: (await seedEndpoint(s, other.id)).id, creatorId: null, data: { far: 'away' } });
      let expected = bytes(first) + bytes('text') + bytes({ username: 'u' });
      expect(await s.projectUsage(project.id)).to.deep.equal({ records: 3, bytes: expected });

      await s.updateRecord(data.id, r1.uniqueId, () => ({ name: 'Z' }));
      expected += bytes({ name: 'Z' }) - bytes(first);
      await s.updateUser(auth.id, user.uniqueId, () => ({ data: { username: 'u', bio: 'ça va' } }));
      expected += bytes({ username: 'u', bio: 'ça va' }) - bytes({ username: 'u' });
      expect(await s.projectUsage(project.id)).to.deep.equal({ records: 3, bytes: expected });

      expect(await s.deleteRecord(data.id, r1.uniqueId)).to.equal(true);
      expected -= bytes({ name: 'Z' });
      expect(await s.projectUsage(project.id)).to.deep.equal({ records: 2, bytes: expected });
      expect(await s.deleteUser(auth.id, user.uniqueId)).to.equal(true);
      expect(await s.projectUsage(project.id)).to.deep.equal({ records: 1, bytes: bytes('text') });
      expect(await s.projectUsage(other.id)).to.deep.equal({ records: 1, bytes: bytes({ far: 'away' }) });
    });

    it('forgets what a deleted endpoint or project held, and starts from zero for a new one', async () => {
      const s = store();
      const project = await seedProject(s);
      const doomed = await seedEndpoint(s, project.id);
      const kept = await seedEndpoint(s, project.id);
      for (const endpointId of [doomed.id, doomed.id, kept.id]) await s.createRecord({ projectId: project.id, endpointId, creatorId: null, data: [1] });
      expect(await s.deleteEndpoint(doomed.id)).to.equal(true);
      expect(await s.projectUsage(project.id)).to.deep.equal({ records: 1, bytes: 3 });
      expect(await s.deleteProject(project.id)).to.equal(true);
      expect(await s.projectUsage(project.id)).to.deep.equal({ records: 0, bytes: 0 });
    });
  });
});
