import { expect } from 'chai';
import { StorageError, type RecordRow } from '@rested/server';
import { transferKey } from '@rested/server/testing';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedAuthEndpoint, seedEndpoint, seedProject, seedUser, useFreshStorage } from '../helpers/fixtures.js';

forEachAdapter('storage contract: transfer (scanRows, putRows, countRows)', (adapter) => {
  const store = useFreshStorage(adapter);
  const recordsOf = async (projectId: string, endpointId: string, n: number) => {
    for (let i = 0; i < n; i++) await store().createRecord({ projectId, endpointId, creatorId: null, data: { i, text: 'ü' } });
  };

  it('scans a kind in key order, a batch at a time after the last key, and counts it', async () => {
    const project = await seedProject(store());
    const endpoint = await seedEndpoint(store(), project.id);
    await recordsOf(project.id, endpoint.id, 7);
    const first = await store().scanRows('records', { limit: 4 });
    const rest = await store().scanRows('records', { limit: 4, after: first.at(-1)!.uniqueId });
    const keys = [...first, ...rest].map((r) => r.uniqueId);
    expect(keys).to.have.length(7);
    expect(keys).to.deep.equal([...keys].sort());
    expect(await store().countRows('records')).to.equal(7);
    expect((rest[0] as RecordRow).data).to.have.property('text', 'ü');
  });

  it('picks one project\'s rows: its owner, itself, its endpoints, users and records, no owner sessions', async () => {
    const { projectId, authId } = await seedAuthEndpoint(store());
    const other = await seedProject(store());
    const otherEndpoint = await seedEndpoint(store(), other.id);
    await seedUser(store(), projectId, authId, 'alice', null);
    await recordsOf(other.id, otherEndpoint.id, 2);
    const owner = (await store().findProjectById(projectId))!.ownerId;
    await store().createOwnerSession({ ownerId: owner, tokenHash: 'h1', expiresAt: new Date(Date.now() + 60_000) });
    expect((await store().scanRows('owners', { limit: 10, projectId })).map((o) => o.id)).to.deep.equal([owner]);
    expect((await store().scanRows('projects', { limit: 10, projectId })).map((p) => p.id)).to.deep.equal([projectId]);
    expect(await store().scanRows('endpoints', { limit: 10, projectId })).to.have.length(1);
    expect(await store().scanRows('users', { limit: 10, projectId })).to.have.length(1);
    expect(await store().scanRows('records', { limit: 10, projectId })).to.have.length(0);
    expect(await store().scanRows('ownerSessions', { limit: 10, projectId })).to.have.length(0);
    expect(await store().countRows('records', other.id)).to.equal(2);
    expect(await store().countRows('owners', projectId)).to.equal(1);
    expect(await store().scanRows('owners', { limit: 10, projectId, after: owner })).to.have.length(0);
  });

  it('puts rows back with their ids, dates and password hashes, and a second put of the same rows changes nothing', async () => {
    const { projectId, authId } = await seedAuthEndpoint(store());
    const alice = await seedUser(store(), projectId, authId, 'Alice', 'a@example.com');
    const rows = {
      owners: await store().scanRows('owners', { limit: 10 }),
      projects: await store().scanRows('projects', { limit: 10 }),
      endpoints: await store().scanRows('endpoints', { limit: 10 }),
      users: await store().scanRows('users', { limit: 10 }),
    };
    const copy = await adapter.open();
    try {
      for (const [kind, list] of Object.entries(rows)) expect(await copy.storage.putRows(kind as 'owners', list as never), kind).to.equal(list.length);
      for (const [kind, list] of Object.entries(rows)) expect(await copy.storage.putRows(kind as 'owners', list as never), kind).to.equal(0);
      const copied = await copy.storage.findUserById(authId, alice.uniqueId);
      expect(copied).to.deep.equal(await store().findUserById(authId, alice.uniqueId));
      expect(await copy.storage.findUserByLogin(authId, { emailLower: 'a@example.com' })).to.have.property('passwordHash', 'hash');
      expect(await copy.storage.findOwnerByEmail(rows.owners[0]!.email)).to.deep.equal(rows.owners[0]);
      expect(await copy.storage.countRows('users')).to.equal(1);
    } finally {
      await copy.dispose();
    }
  });

  it('refuses a row that takes another row\'s unique value with a conflict, writing no row of it', async () => {
    const { projectId, authId } = await seedAuthEndpoint(store());
    const alice = await seedUser(store(), projectId, authId, 'alice', null);
    const twin = { ...alice, uniqueId: `${alice.uniqueId.slice(0, -1)}x`, data: { username: 'alice' } };
    const error = await store().putRows('users', [twin]).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(StorageError);
    expect((error as StorageError).code).to.equal('conflict');
    expect(await store().countRows('users')).to.equal(1);
  });

  it('carries every kind whole: file endpoints\' settings and declared indexes, records\' file bytes, email settings, templates, one-time tokens, disabled users, sessions\' last use and audit events', async () => {
    const { projectId, authId } = await seedAuthEndpoint(store());
    const alice = await seedUser(store(), projectId, authId, 'alice', 'alice@example.com');
    const files = await seedEndpoint(store(), projectId, { files: true, maxFileBytes: 12345, allowedTypes: ['image/*'], requireVerifiedEmail: true });
    await store().createRecord({ projectId, endpointId: files.id, creatorId: null, data: { file: { name: 'a.png' } }, blobBytes: 5000 });
    await store().updateEndpoint(files.id, { indexes: ['data.file.name'] });
    await store().saveEmailSettings({ projectId, from: 'app@example.com', host: 'smtp.example.com', port: 465, secure: true, user: 'u', passwordSealed: 'sealed' });
    await store().saveEmailTemplate({ projectId, name: 'welcome', subject: 'Hi', html: '<p>hi</p>', text: 'hi' });
    await store().saveEmailTemplate({ projectId, name: 'bye', subject: 'Bye', html: '<p>bye</p>', text: null });
    await store().issueOneTimeToken({ tokenHash: 'a'.repeat(64), purpose: 'password_reset', subjectId: alice.uniqueId, projectId, endpointId: authId, expiresAt: new Date(Date.now() + 60_000) });
    await store().updateUser(authId, alice.uniqueId, () => ({ disabledAt: new Date(Date.now() - 1000) }));
    const session = await store().createSession({ projectId, endpointId: authId, userId: alice.uniqueId, expiresAt: new Date(Date.now() + 3_600_000), userAgent: 'test', ip: '127.0.0.1' });
    await store().touchSession(session.id, new Date(Date.now() + 120_000), 60_000);
    await store().appendAuditEvent({
      projectId, type: 'user.disabled', actor: { kind: 'owner', id: null }, ip: '127.0.0.1', userAgent: 'test', requestId: 'req-1',
      target: { endpoint: authId, uniqueId: alice.uniqueId, sessionId: null }, details: { reason: 'a test', nested: { n: 1 } },
    });
    const kinds = ['owners', 'projects', 'endpoints', 'users', 'sessions', 'records', 'emailSettings', 'emailTemplates', 'oneTimeTokens', 'auditEvents'] as const;
    const copy = await adapter.open();
    try {
      for (const kind of kinds) {
        const first = await store().scanRows(kind, { limit: 1 });
        const rest = await store().scanRows(kind, { limit: 100, after: first.length ? transferKey(kind, first[0]!)! : undefined });
        expect(await copy.storage.putRows(kind, [...first, ...rest] as never), kind).to.equal(await store().countRows(kind));
      }
      expect(await copy.storage.findEndpointById(files.id)).to.deep.equal(await store().findEndpointById(files.id));
      expect(await copy.storage.projectUsage(projectId)).to.deep.equal(await store().projectUsage(projectId));
      expect(await copy.storage.findEmailSettings(projectId)).to.deep.equal(await store().findEmailSettings(projectId));
      expect(await copy.storage.listEmailTemplates(projectId)).to.deep.equal(await store().listEmailTemplates(projectId));
      expect(await copy.storage.countRows('emailTemplates', projectId)).to.equal(2);
      expect(await copy.storage.findUserById(authId, alice.uniqueId)).to.deep.equal(await store().findUserById(authId, alice.uniqueId));
      expect((await copy.storage.findUserById(authId, alice.uniqueId))!.disabledAt, 'still disabled').to.be.instanceOf(Date);
      expect(await copy.storage.scanRows('sessions', { limit: 10 })).to.deep.equal(await store().scanRows('sessions', { limit: 10 }));
      expect(await copy.storage.listAuditEvents(projectId, { limit: 10 })).to.deep.equal(await store().listAuditEvents(projectId, { limit: 10 }));
      const token = await copy.storage.consumeOneTimeToken('password_reset', 'a'.repeat(64), authId);
      expect(token).to.include({ subjectId: alice.uniqueId, projectId });
    } finally {
      await copy.dispose();
    }
  });
});
