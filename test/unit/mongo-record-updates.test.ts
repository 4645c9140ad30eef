import { expect } from 'chai';
import { mongoRecordStore } from '@rested/server/testing';
import { fakeMongoModel } from '../helpers/fake-mongo-model.js';

type Doc = { _id: string; projectId: string; endpointId: string; creatorId: null; dataJson: string; sortable: null; createdAt: Date; updatedAt: Date };

const fakeRecords = (initial: unknown) =>
  fakeMongoModel<Doc>({ _id: 'r1', projectId: 'p1', endpointId: 'e1', creatorId: null, dataJson: JSON.stringify(initial), sortable: null, createdAt: new Date(0), updatedAt: new Date(0) });

describe('MongoDB adapter: record updates by compare-and-set', () => {
  it('lets 60 concurrent updates of one record all through, none lost', async function () {
    this.timeout(20_000);
    const { model, state } = fakeRecords({ seen: [] });
    const store = mongoRecordStore({ models: { records: model } as never, now: () => new Date(), onAuditFailure: () => undefined });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        store.updateRecord('e1', 'r1', (current) => ({ seen: [...(current.data as { seen: number[] }).seen, i] })),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).to.deep.equal([]);
    expect((JSON.parse(state.doc.dataJson) as { seen: number[] }).seen).to.have.members(Array.from({ length: 60 }, (_, i) => i));
  });
});
