import { foldIdentifier } from '../../auth/identifiers.js';
import { newId } from '../ids.js';
import type { OwnerStore } from '../storage.js';
import { op, type MongoContext } from './context.js';
import type { OwnerDoc, OwnerSessionDoc } from './documents.js';
import { mapOrNull, toOwner, toOwnerSession } from './mapping.js';

export function ownerStore({ models: { owners, ownerSessions }, now }: MongoContext): OwnerStore {
  return {
    async createOwner(input) {
      const doc: OwnerDoc = {
        _id: newId(),
        email: input.email,
        emailLower: foldIdentifier(input.email),
        name: input.name,
        passwordHash: input.passwordHash,
        createdAt: now(),
      };
      await owners.create(doc);
      return toOwner(doc);
    },
    async findOwnerById(id) {
      return mapOrNull(await owners.findOne({ _id: id }).lean<OwnerDoc>(), toOwner);
    },
    async findOwnerByEmail(email) {
      return mapOrNull(await owners.findOne({ emailLower: foldIdentifier(email) }).lean<OwnerDoc>(), toOwner);
    },
    async hasOwners() {
      return (await owners.exists({})) !== null;
    },

    async createOwnerSession(input) {
      const doc: OwnerSessionDoc = {
        _id: newId(),
        ownerId: input.ownerId,
        tokenHash: input.tokenHash,
        createdAt: now(),
        expiresAt: input.expiresAt,
        revokedAt: null,
      };
      await ownerSessions.create(doc);
      return toOwnerSession(doc);
    },
    async findOwnerSessionByTokenHash(tokenHash) {
      return mapOrNull(await ownerSessions.findOne({ tokenHash }).lean<OwnerSessionDoc>(), toOwnerSession);
    },
    async revokeOwnerSession(id) {
      const result = await ownerSessions.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: now() } });
      return result.modifiedCount > 0;
    },
    async listOwnerSessions(ownerId) {
      const docs = await ownerSessions.find({ ownerId }).sort({ createdAt: 1, _id: 1 }).lean<OwnerSessionDoc[]>();
      return docs.map(toOwnerSession);
    },
    async revokeOwnerSessions(ownerId, options) {
      const except = options?.exceptId === undefined ? {} : { _id: op({ $ne: options.exceptId }) };
      const result = await ownerSessions.updateMany({ ownerId, revokedAt: null, ...except }, { $set: { revokedAt: now() } });
      return result.modifiedCount;
    },
    async updateOwnerPassword(id, passwordHash) {
      const result = await owners.updateOne({ _id: id }, { $set: { passwordHash } });
      return result.matchedCount > 0;
    },
  };
}
