import { expect } from 'chai';
import { mongoUserStore } from '@rested/server/testing';
import { fakeMongoModel } from '../helpers/fake-mongo-model.js';

type Doc = {
  _id: string; projectId: string; endpointId: string; usernameLower: string | null; emailLower: string | null;
  passwordHash: string; dataJson: string; sortable: null; createdAt: Date; updatedAt: Date;
};

const fakeUsers = () =>
  fakeMongoModel<Doc>({
    _id: 'u1', projectId: 'p1', endpointId: 'e1', usernameLower: 'alice', emailLower: null, passwordHash: 'h0',
    dataJson: JSON.stringify({ username: 'alice' }), sortable: null, createdAt: new Date(0), updatedAt: new Date(0),
  });

describe('MongoDB adapter: user updates by compare-and-set', () => {
  it('lets 40 concurrent data updates and 10 password changes of one user all through, none lost', async function () {
    this.timeout(20_000);
    const { model, state } = fakeUsers();
    const store = mongoUserStore({ models: { users: model, sessions: {} } as never, now: () => new Date(), onAuditFailure: () => undefined });
    const dataUpdates = Array.from({ length: 40 }, (_, i) =>
      store.updateUser('e1', 'u1', (current) => ({ data: { ...current.data, [`k${i}`]: i }, usernameLower: 'alice' })),
    );
    // Password changes leave data alone; a data update that read the old hash must not write over a new one.
    const passwordChanges = Array.from({ length: 10 }, (_, i) =>
      store.updateUser('e1', 'u1', (current) => ({ passwordHash: `${current.passwordHash}+${i}` })),
    );
    const results = await Promise.allSettled([...dataUpdates, ...passwordChanges]);
    expect(results.filter((r) => r.status === 'rejected')).to.deep.equal([]);
    const data = JSON.parse(state.doc.dataJson) as Record<string, unknown>;
    expect(data).to.deep.equal({ username: 'alice', ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])) });
    expect(state.doc.passwordHash.split('+').slice(1).map(Number)).to.have.members(Array.from({ length: 10 }, (_, i) => i));
  });

  it('answers null for a missing user without calling the update function', async () => {
    const { model } = fakeUsers();
    const store = mongoUserStore({ models: { users: model, sessions: {} } as never, now: () => new Date(), onAuditFailure: () => undefined });
    expect(await store.updateUser('e1', 'nobody', () => expect.fail('next must not run'))).to.equal(null);
  });
});
