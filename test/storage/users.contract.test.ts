import { expect } from 'chai';
import type { Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedAuthEndpoint, seedEndpoint, seedProject, seedUser, sleep, useFreshStorage } from '../helpers/fixtures.js';
import { expectConflict } from '../helpers/errors.js';

forEachAdapter('storage contract: end users', (adapter) => {
  const store = useFreshStorage(adapter);
  let projectId: string, authId: string;
  beforeEach(async () => {
    ({ projectId, authId } = await seedAuthEndpoint(store()));
  });
  const user = (s: Storage, endpointId: string, username: string | null, email: string | null) => seedUser(s, projectId, endpointId, username, email);

  it('keeps usernames and emails unique per auth endpoint, case-insensitively', async () => {
    await user(store(), authId, 'Alice', 'alice@example.com');
    await expectConflict(user(store(), authId, 'ALICE', null), 'username');
    await expectConflict(user(store(), authId, null, 'Alice@Example.com'), 'email');
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
    await expectConflict(store().updateUser(authId, alice.uniqueId, () => ({ usernameLower: 'bob', data: { username: 'Bob' } })), 'username');
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

  it('ends a page of users at the byte budget (at least one user) and says whether more follow', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await user(store(), authId, `user${i}`, null));
      await sleep(2); // so that creation order is the page order (ties would go by uniqueId)
    }
    const bytes = made.map((u) => Buffer.byteLength(JSON.stringify(u.data)));
    const names = (page: { usernameLower: string | null }[]) => page.map((u) => u.usernameLower);
    const two = await store().listUsers(authId, { limit: 10, maxBytes: bytes[0]! + bytes[1]! });
    expect([names(two), two.more]).to.deep.equal([['user0', 'user1'], true]);
    const one = await store().listUsers(authId, { limit: 10, maxBytes: 1, after: made[1]!.uniqueId });
    expect([names(one), one.more]).to.deep.equal([['user2'], false]);
    const all = await store().listUsers(authId, { limit: 3, maxBytes: 1_000_000 });
    expect([names(all), all.more]).to.deep.equal([['user0', 'user1', 'user2'], false]);
    const limited = await store().listUsers(authId, { limit: 2 });
    expect([names(limited), limited.more]).to.deep.equal([['user0', 'user1'], true]);
  });
});
