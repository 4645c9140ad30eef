import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useFreshStorage } from '../helpers/fixtures.js';
import { expectConflict } from '../helpers/errors.js';

forEachAdapter('storage contract: owners and their console sessions', (adapter) => {
  const store = useFreshStorage(adapter);

  it('says whether any owner exists', async () => {
    expect(await store().hasOwners()).to.equal(false);
    await store().createOwner({ email: 'first@example.com', name: 'First', passwordHash: 'h' });
    expect(await store().hasOwners()).to.equal(true);
  });

  it('finds an owner by email case-insensitively and refuses a second owner with the same email', async () => {
    const owner = await store().createOwner({ email: 'Ada@Example.com', name: 'Ada', passwordHash: 'h' });
    expect(owner.id).to.match(/^[0-9a-f]{32}$/);
    expect(owner).to.deep.include({ email: 'Ada@Example.com', name: 'Ada', passwordHash: 'h' });
    expect(await store().findOwnerById(owner.id)).to.deep.equal(owner);
    expect(await store().findOwnerById('missing')).to.equal(null);
    expect(await store().findOwnerByEmail('ada@example.COM')).to.deep.equal(owner);
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
    expect(found).to.deep.equal(session);
    expect(await store().findOwnerSessionByTokenHash('other')).to.equal(null);
    expect(await store().revokeOwnerSession('missing')).to.equal(false);
    expect(await store().revokeOwnerSession(session.id)).to.equal(true);
    expect(await store().revokeOwnerSession(session.id)).to.equal(false);
    expect((await store().findOwnerSessionByTokenHash('th'))?.revokedAt).to.be.instanceOf(Date);
  });

  it('lists an owner\'s sessions and revokes all but one', async () => {
    const owner = await store().createOwner({ email: 'b@example.com', name: 'B', passwordHash: 'h' });
    const other = await store().createOwner({ email: 'c@example.com', name: 'C', passwordHash: 'h' });
    const expiresAt = new Date(Date.now() + 60_000);
    const [s1, s2, s3] = [await store().createOwnerSession({ ownerId: owner.id, tokenHash: 't1', expiresAt }),
      await store().createOwnerSession({ ownerId: owner.id, tokenHash: 't2', expiresAt }),
      await store().createOwnerSession({ ownerId: owner.id, tokenHash: 't3', expiresAt })];
    const theirs = await store().createOwnerSession({ ownerId: other.id, tokenHash: 't4', expiresAt });
    expect((await store().listOwnerSessions(owner.id)).map((s) => s.id)).to.have.members([s1.id, s2.id, s3.id]);
    expect(await store().revokeOwnerSessions(owner.id, { exceptId: s2.id })).to.equal(2);
    const live = async (hash: string) => (await store().findOwnerSessionByTokenHash(hash))!.revokedAt === null;
    expect([await live('t1'), await live('t2'), await live('t3'), await live('t4')]).to.deep.equal([false, true, false, true]);
    expect(await store().revokeOwnerSessions(owner.id)).to.equal(1);
    expect(theirs.revokedAt).to.equal(null);
  });

  it('replaces an owner\'s password hash', async () => {
    const owner = await store().createOwner({ email: 'd@example.com', name: 'D', passwordHash: 'old' });
    expect(await store().updateOwnerPassword(owner.id, 'new')).to.equal(true);
    expect((await store().findOwnerById(owner.id))!.passwordHash).to.equal('new');
    expect(await store().updateOwnerPassword('missing', 'new')).to.equal(false);
  });
});
