/**
 * A stand-in for one mongoose model holding a single document, with MongoDB's semantics for the
 * two calls the adapters' compare-and-set updates make: findOne, and a findOneAndUpdate that
 * writes only when every filter field matches (null also matches a missing field). Each call
 * answers after a random network delay, so concurrent updates really interleave.
 */
export function fakeMongoModel<Doc extends { _id: string }>(initial: Doc) {
  const delay = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
  const state = { doc: initial };
  const matches = (filter: Record<string, unknown>) =>
    Object.entries(filter).every(([key, value]) => (state.doc[key as keyof Doc] ?? null) === value);
  const model = {
    findOne: (filter: Record<string, unknown>) => ({
      lean: async () => {
        await delay();
        return matches(filter) ? { ...state.doc } : null;
      },
    }),
    findOneAndUpdate: (filter: Record<string, unknown>, update: { $set: Partial<Doc> }) => ({
      lean: async () => {
        await delay();
        if (!matches(filter)) return null;
        state.doc = { ...state.doc, ...update.$set };
        return { ...state.doc };
      },
    }),
  };
  return { model, state };
}
