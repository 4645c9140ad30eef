import { expect } from 'chai';
import type { Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedAuthEndpoint, seedUser, useFreshStorage } from '../helpers/fixtures.js';

forEachAdapter('storage contract: end-user sessions', (adapter) => {
  const store = useFreshStorage(adapter);
  let projectId: string, authId: string;
  beforeEach(async () => {
    ({ projectId, authId } = await seedAuthEndpoint(store()));
  });
  const user = (s: Storage, endpointId: string, username: string | null, email: string | null) => seedUser(s, projectId, endpointId, username, email);
  const open = (s: Storage, userId: string) =>
    s.createSession({ projectId, endpointId: authId, userId, expiresAt: new Date(Date.now() + 3_600_000), userAgent: 'test-agent', ip: '127.0.0.1' });

  it('creates and finds a session with its metadata', async () => {
    const alice = await user(store(), authId, 'alice', null);
    const session = await open(store(), alice.uniqueId);
    const found = await store().findSession(session.id);
    expect(found).to.deep.include({ userId: alice.uniqueId, endpointId: authId, projectId, userAgent: 'test-agent', ip: '127.0.0.1', revokedAt: null });
    expect(await store().findSession('missing')).to.equal(null);
  });

  it('finds a session together with its user, as the two separate reads would, revoked or not', async () => {
    const alice = await user(store(), authId, 'alice', 'alice@example.com');
    const bob = await user(store(), authId, 'bob', null);
    const [forAlice, forBob] = [await open(store(), alice.uniqueId), await open(store(), bob.uniqueId)];
    await store().updateUser(authId, alice.uniqueId, () => ({ data: { username: 'alice', email: 'alice@example.com', plan: 'pro' } }));
    await store().revokeSession(forBob.id);
    for (const id of [forAlice.id, forBob.id]) {
      const session = (await store().findSession(id))!;
      expect(await store().findSessionWithUser(id)).to.deep.equal({ session, user: await store().findUserById(authId, session.userId) });
    }
    expect((await store().findSessionWithUser(forAlice.id))!.user!.data).to.deep.equal({ username: 'alice', email: 'alice@example.com', plan: 'pro' });
    expect((await store().findSessionWithUser(forBob.id))!.session.revokedAt).to.be.instanceOf(Date);
    expect(await store().findSessionWithUser('missing')).to.equal(null);
  });

  it('revokes one session by id, once', async () => {
    const alice = await user(store(), authId, 'alice', null);
    const session = await open(store(), alice.uniqueId);
    expect(await store().revokeSession(session.id)).to.equal(true);
    expect(await store().revokeSession(session.id)).to.equal(false);
    expect((await store().findSession(session.id))!.revokedAt).to.be.instanceOf(Date);
  });

  it('revokes all sessions of a user, or all but one, leaving other users alone', async () => {
    const alice = await user(store(), authId, 'alice', null);
    const bob = await user(store(), authId, 'bob', null);
    const [a1, a2, a3] = [await open(store(), alice.uniqueId), await open(store(), alice.uniqueId), await open(store(), alice.uniqueId)];
    const b1 = await open(store(), bob.uniqueId);
    expect(await store().revokeUserSessions(alice.uniqueId, { exceptId: a2.id })).to.equal(2);
    const live = async (id: string) => (await store().findSession(id))!.revokedAt === null;
    expect([await live(a1.id), await live(a2.id), await live(a3.id), await live(b1.id)]).to.deep.equal([false, true, false, true]);
    expect(await store().revokeUserSessions(alice.uniqueId)).to.equal(1);
    expect(await live(a2.id)).to.equal(false);
    expect(await live(b1.id)).to.equal(true);
    expect((await store().listSessions(authId, alice.uniqueId)).map((s) => s.id)).to.have.members([a1.id, a2.id, a3.id]);
  });

  it('deleting a user removes its sessions', async () => {
    const alice = await user(store(), authId, 'alice', null);
    const session = await open(store(), alice.uniqueId);
    expect(await store().deleteUser(authId, alice.uniqueId)).to.equal(true);
    expect(await store().deleteUser(authId, alice.uniqueId)).to.equal(false);
    expect(await store().findSession(session.id)).to.equal(null);
    expect(await store().findSessionWithUser(session.id)).to.equal(null);
  });

  it('moves lastSeenAt at most once per interval, starting from the creation time', async () => {
    const alice = await user(store(), authId, 'alice', null);
    const session = await open(store(), alice.uniqueId);
    expect(session.lastSeenAt.getTime()).to.equal(session.createdAt.getTime());
    const soon = new Date(session.createdAt.getTime() + 30_000);
    expect(await store().touchSession(session.id, soon, 60_000)).to.equal(false);
    const later = new Date(session.createdAt.getTime() + 61_000);
    expect(await store().touchSession(session.id, later, 60_000)).to.equal(true);
    expect(await store().touchSession(session.id, new Date(later.getTime() + 59_000), 60_000)).to.equal(false);
    expect((await store().findSession(session.id))!.lastSeenAt.getTime()).to.equal(later.getTime());
    expect((await store().findSessionWithUser(session.id))!.session.lastSeenAt.getTime()).to.equal(later.getTime());
    expect(await store().touchSession('missing', later, 60_000)).to.equal(false);
  });
});
