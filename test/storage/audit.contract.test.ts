import { expect } from 'chai';
import type { Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { auditEvent } from '../helpers/audit.js';
import { seedAuthEndpoint, seedUser, useFreshStorage } from '../helpers/fixtures.js';

forEachAdapter('storage contract: audit log', (adapter) => {
  const store = useFreshStorage(adapter);
  let projectId: string, authId: string;
  beforeEach(async () => {
    ({ projectId, authId } = await seedAuthEndpoint(store()));
  });

  it('appends an event and reads it back whole, with a time-ordered id', async () => {
    const written = await store().appendAuditEvent(auditEvent(projectId, { details: { scope: 'all', 'a.b': 1, $x: [true] } }));
    expect(written.id).to.match(/^[0-9a-f]{32}$/);
    const [read] = await store().listAuditEvents(projectId, { limit: 10 });
    expect(read).to.deep.equal(written);
    expect(read!.details).to.deep.equal({ scope: 'all', 'a.b': 1, $x: [true] });
  });

  it('pages newest first with a cursor, and says when older events follow', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store().appendAuditEvent(auditEvent(projectId, { details: { i } }))).id);
    const first = await store().listAuditEvents(projectId, { limit: 2 });
    expect(first.map((e) => e.details.i)).to.deep.equal([4, 3]);
    expect(first.more).to.equal(true);
    const second = await store().listAuditEvents(projectId, { limit: 2, after: first.at(-1)!.id });
    expect(second.map((e) => e.details.i)).to.deep.equal([2, 1]);
    const last = await store().listAuditEvents(projectId, { limit: 2, after: second.at(-1)!.id });
    expect(last.map((e) => e.details.i)).to.deep.equal([0]);
    expect(last.more).to.equal(false);
  });

  it('filters by type, target user and endpoint, and keeps projects apart', async () => {
    await store().appendAuditEvent(auditEvent(projectId, { type: 'user.login', target: { endpoint: 'e1', uniqueId: 'alice', sessionId: null } }));
    await store().appendAuditEvent(auditEvent(projectId, { type: 'user.logout', target: { endpoint: 'e1', uniqueId: 'bob', sessionId: null } }));
    await store().appendAuditEvent(auditEvent(projectId, { type: 'endpoint.created', target: { endpoint: 'e2', uniqueId: null, sessionId: null } }));
    await store().appendAuditEvent(auditEvent('other-project', { type: 'user.login' }));
    const types = async (query: Parameters<Storage['listAuditEvents']>[1]) => (await store().listAuditEvents(projectId, query)).map((e) => e.type);
    expect(await types({ limit: 10, types: ['user.login'] })).to.deep.equal(['user.login']);
    expect(await types({ limit: 10, types: ['user.login', 'endpoint.created'] })).to.deep.equal(['endpoint.created', 'user.login']);
    expect(await types({ limit: 10, uniqueId: 'bob' })).to.deep.equal(['user.logout']);
    expect(await types({ limit: 10, endpoint: 'e2' })).to.deep.equal(['endpoint.created']);
    expect(await types({ limit: 10 })).to.have.length(3);
  });

  it('records an audited change with it, and nothing when the change found nothing to change', async () => {
    const alice = await seedUser(store(), projectId, authId, 'alice', null);
    const disabledAt = new Date();
    const event = auditEvent(projectId, { type: 'user.disabled', target: { endpoint: authId, uniqueId: alice.uniqueId, sessionId: null } });
    const updated = await store().audited(event, () => store().updateUser(authId, alice.uniqueId, () => ({ disabledAt })));
    expect(updated!.disabledAt!.getTime()).to.equal(disabledAt.getTime());
    expect((await store().findUserById(authId, alice.uniqueId))!.disabledAt!.getTime()).to.equal(disabledAt.getTime());
    const missing = await store().audited({ ...event, type: 'user.deleted' }, () => store().deleteUser(authId, 'no-such-user'));
    expect(missing).to.equal(false);
    expect((await store().listAuditEvents(projectId, { limit: 10 })).map((e) => e.type)).to.deep.equal(['user.disabled']);
  });

  it('records nothing when the change fails', async () => {
    const alice = await seedUser(store(), projectId, authId, 'alice', null);
    const failing = store().audited(auditEvent(projectId), () => store().updateUser(authId, alice.uniqueId, () => { throw new Error('refused'); }));
    const error = await failing.then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('message', 'refused');
    expect(await store().listAuditEvents(projectId, { limit: 10 })).to.deep.equal([]);
  });

  it('deletes the events older than a time', async () => {
    await store().appendAuditEvent(auditEvent(projectId, { details: { i: 1 } }));
    const cut = new Date(Date.now() + 1000);
    expect(await store().deleteAuditEventsBefore(cut)).to.equal(1);
    expect(await store().listAuditEvents(projectId, { limit: 10 })).to.deep.equal([]);
  });
});
