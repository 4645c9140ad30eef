import { expect } from 'chai';
import { mongoRecordOps } from '@rested/server';

type Doc = { _id: string; projectId: string; endpointId: string; creatorId: null; dataJson: string; sortable: null; createdAt: Date; updatedAt: Date };

/**
 * A stand-in for the records model with MongoDB's semantics for the two calls updateRecord makes
 * (findOne, and a findOneAndUpdate whose filter must match), each answering after a random
 * network delay, so that concurrent updates really interleave.
 */
function fakeRecords(initial: unknown) {
  const delay = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
  const state = {
    doc: { _id: 'r1', projectId: 'p1', endpointId: 'e1', creatorId: null, dataJson: JSON.stringify(initial), sortable: null, createdAt: new Date(0), updatedAt: new Date(0) } as Doc,
  };
  const model = {
    findOne: (filter: { _id: string }) => ({
      lean: async () => {
        await delay();
        return filter._id === state.doc._id ? { ...state.doc } : null;
      },
    }),
    findOneAndUpdate: (filter: { _id: string; dataJson: string }, update: { $set: Partial<Doc> }) => ({
      lean: async () => {
        await delay();
        if (filter._id !== state.doc._id || filter.dataJson !== state.doc.dataJson) return null;
        state.doc = { ...state.doc, ...update.$set };
        return { ...state.doc };
      },
    }),
  };
  return { model, state };
}

describe('MongoDB adapter: record updates by compare-and-set', () => {
  it('lets 60 concurrent updates of one record all through, none lost', async function () {
    this.timeout(20_000);
    const { model, state } = fakeRecords({ seen: [] });
    const ops = mongoRecordOps({ models: { records: model } as never, now: () => new Date() });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        ops.updateRecord('e1', 'r1', (current) => ({ seen: [...(current.data as { seen: number[] }).seen, i] })),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).to.deep.equal([]);
    expect((JSON.parse(state.doc.dataJson) as { seen: number[] }).seen).to.have.members(Array.from({ length: 60 }, (_, i) => i));
  });
});
