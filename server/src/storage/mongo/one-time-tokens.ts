import type { OneTimeTokenRow } from '../email-rows.js';
import type { OneTimeTokenStore } from '../email-storage.js';
import { op, type MongoContext } from './context.js';
import type { OneTimeTokenDoc } from './documents.js';

export const toToken = ({ _id, ...rest }: OneTimeTokenDoc): OneTimeTokenRow => ({
  tokenHash: _id,
  ...rest,
  projectId: rest.projectId ?? null,
  endpointId: rest.endpointId ?? null,
});

export function oneTimeTokenStore({ models: { oneTimeTokens }, now }: MongoContext): OneTimeTokenStore {
  return {
    async issueOneTimeToken({ tokenHash, ...input }) {
      const doc: OneTimeTokenDoc = { _id: tokenHash, ...input, createdAt: now() };
      // Two writes: a concurrent issue for the same subject may leave both new tokens live (each a
      // fresh random token for the same person), never an older one.
      await oneTimeTokens.deleteMany({ purpose: input.purpose, subjectId: input.subjectId });
      await oneTimeTokens.create(doc);
      return toToken(doc);
    },
    async consumeOneTimeToken(purpose, tokenHash, endpointId) {
      // findOneAndDelete is atomic: of two calls with one token, one gets the document.
      const filter = { _id: tokenHash, purpose, endpointId, expiresAt: op({ $gt: now() }) };
      const doc = await oneTimeTokens.findOneAndDelete(filter).lean<OneTimeTokenDoc>();
      if (!doc) return null;
      await oneTimeTokens.deleteMany({ purpose, subjectId: doc.subjectId });
      return toToken(doc);
    },
    async revokeOneTimeTokens(purpose, subjectId) {
      return (await oneTimeTokens.deleteMany({ purpose, subjectId })).deletedCount;
    },
  };
}
