import { expect } from 'chai';
import { StorageError, type Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedEndpoint, seedProject, useFreshStorage } from '../helpers/fixtures.js';

forEachAdapter('storage contract: end users and sessions', (adapter) => {
  const store = useFreshStorage(adapter);
  let projectId: string;
  let authId: string;

  beforeEach(async () => {
    projectId = (await seedProject(store())).id;
    authId = (await seedEndpoint(store(), projectId, { auth: true })).id;
  });

  const user = (s: Storage, endpointId: string, username: string | null, email: string | null) =>
    s.createUser({
      projectId,
      endpointId,
      usernameLower: username?.toLowerCase() ?? null,
      emailLower: email?.toLowerCase() ?? null,
      passwordHash: 'hash',
      data: { ...(username ? { username } : {}), ...(email ? { email } : {}) },
    });

  const conflictField = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).code).to.equal('conflict');
      return (error as StorageError).field;
    }
    return expect.fail('expected a conflict');
  };

  it('keeps usernames and emails unique per auth endpoint, case-insensitively', async () => {
    await user(store(), authId, 'Alice', 'alice@example.com');
    expect(await conflictField(user(store(), authId, 'ALICE', null))).to.equal('username');
    expect(await conflictField(user(store(), authId, null, 'Alice@Example.com'))).to.equal('email');
    // Users without a username (or without an email) do not collide with each other.
    await user(store(), authId, null, 'bob@example.com');
    await user(store(), authId, 'carol', null);
    await user(store(), authId, 'dave', null);
    const otherAuth = await seedEndpoint(store(), projectId, { auth: true });
    await user(store(), otherAuth.id, 'alice', 'alice@example.com');
    expect(await store().countUsers(authId)).to.equal(4);
  });

  it('finds users by lower-cased username or email, only in their endpoint', async () => {
    const alice = await user(store(), authId, 'Alice', 'alice@example.com');
    expect((await store().findUserByLogin(authId, { usernameLower: 'alice' }))?.uniqueId).to.equal(alice.uniqueId);
    expect((await store().findUserByLogin(authId, { emailLower: 'alice@example.com' }))?.uniqueId).to.equal(alice.uniqueId);
    const otherAuth = await seedEndpoint(store(), projectId, { auth: true });
    expect(await store().findUserByLogin(otherAuth.id, { usernameLower: 'alice' })).to.equal(null);
    expect(await store().findUserById(otherAuth.id, alice.uniqueId)).to.equal(null);
  });

  it('updates a user, refusing a username taken by another user', async () => {
    const alice = await user(store(), authId, 'alice', null);
    await user(store(), authId, 'bob', null);
    const updated = await store().updateUser(authId, alice.uniqueId, (current) => ({ data: { ...current.data, age: 30 }, passwordHash: 'new' }));
    expect(updated).to.deep.include({ passwordHash: 'new', usernameLower: 'alice' });
    expect(updated!.data).to.deep.equal({ username: 'alice', age: 30 });
    expect(updated!.updatedAt.getTime()).to.be.at.least(alice.updatedAt.getTime());
    expect(updated!.createdAt.getTime()).to.equal(alice.createdAt.getTime());
    expect(await conflictField(store().updateUser(authId, alice.uniqueId, () => ({ usernameLower: 'bob', data: { username: 'Bob' } })))).to.equal('username');
    expect(await store().findUserById(authId, alice.uniqueId)).to.deep.equal(updated);
    expect(await store().updateUser(authId, 'missing', () => ({ passwordHash: 'x' }))).to.equal(null);
  });

  it('keeps the fields a user update leaves undefined', async () => {
    const alice = await user(store(), authId, 'alice', 'alice@example.com');
    const updated = await store().updateUser(authId, alice.uniqueId, () => ({ passwordHash: 'new', data: undefined }));
    expect(updated).to.deep.include({ passwordHash: 'new', usernameLower: 'alice', emailLower: 'alice@example.com' });
    expect(updated!.data).to.deep.equal(alice.data);
  });

  it('applies concurrent user updates one after another, so none is lost', async () => {
    const alice = await user(store(), authId, 'alice', null);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store().updateUser(authId, alice.uniqueId, (current) => ({ data: { ...current.data, [`k${i}`]: i } })),
      ),
    );
    const final = await store().findUserById(authId, alice.uniqueId);
    expect(final!.data).to.deep.equal({ username: 'alice', ...Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i])) });
  });

  it('writes nothing when the user update function throws', async () => {
    const alice = await user(store(), authId, 'alice', null);
    let thrown: unknown;
    try {
      await store().updateUser(authId, alice.uniqueId, () => {
        throw new Error('refused');
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.have.property('message', 'refused');
    expect(await store().findUserById(authId, alice.uniqueId)).to.deep.equal(alice);
  });

  it('pages through users in creation order', async () => {
    for (let i = 0; i < 7; i++) await user(store(), authId, `user${i}`, null);
    const first = await store().listUsers(authId, { limit: 4 });
    const second = await store().listUsers(authId, { limit: 4, after: first[3]!.uniqueId });
    expect([...first, ...second].map((u) => u.usernameLower)).to.have.members([0, 1, 2, 3, 4, 5, 6].map((i) => `user${i}`));
    expect(second).to.have.length(3);
  });

  describe('sessions', () => {
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
  });

  it('rate limiters refuse once the points are used up, per key, with the seconds left in the window', async () => {
    const limiter = store().createRateLimiter({ keyPrefix: `t${Date.now()}`, points: 3, durationSeconds: 60 });
    for (let i = 0; i < 3; i++) expect(await limiter.consume('a'), `attempt ${i + 1}`).to.equal(0);
    const wait = await limiter.consume('a');
    expect(wait).to.be.within(1, 60);
    expect(await limiter.consume('b')).to.equal(0);
  });

  it('rate limiters give a point back on reward and start a key over on delete', async () => {
    const limiter = store().createRateLimiter({ keyPrefix: `r${Date.now()}`, points: 2, durationSeconds: 60 });
    await limiter.consume('a');
    await limiter.consume('a');
    await limiter.reward('a', 1);
    expect(await limiter.consume('a'), 'the rewarded point').to.equal(0);
    expect(await limiter.consume('a'), 'used up again').to.be.greaterThan(0);
    await limiter.delete('a');
    expect(await limiter.consume('a'), 'after delete').to.equal(0);
    expect(await limiter.consume('a'), 'after delete').to.equal(0);
    expect(await limiter.consume('a'), 'after delete, used up').to.be.greaterThan(0);
  });
});
