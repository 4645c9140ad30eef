import { expect } from 'chai';
import { mongoSchemas } from '@rested/server/testing';

type IndexList = Array<[Record<string, unknown>, Record<string, unknown>]>;
const indexes = (schema: { indexes(): unknown }) => schema.indexes() as IndexList;
const find = (list: IndexList, keys: Record<string, number>) =>
  list.find(([fields]) => JSON.stringify(fields) === JSON.stringify(keys))?.[1];

describe('MongoDB adapter: the indexes its queries and rules need', () => {
  it('keeps owner emails, API keys and console token hashes unique', () => {
    expect(find(indexes(mongoSchemas.ownerSchema()), { emailLower: 1 })).to.include({ unique: true });
    expect(find(indexes(mongoSchemas.projectSchema()), { apiKey: 1 })).to.include({ unique: true });
    expect(find(indexes(mongoSchemas.ownerSessionSchema()), { tokenHash: 1 })).to.include({ unique: true });
  });

  it('keeps endpoint names unique per project', () => {
    expect(find(indexes(mongoSchemas.endpointSchema()), { projectId: 1, name: 1 })).to.include({ unique: true });
  });

  it('keeps usernames and emails unique per auth endpoint, ignoring users without one', () => {
    const users = indexes(mongoSchemas.userSchema());
    for (const field of ['usernameLower', 'emailLower']) {
      const options = find(users, { endpointId: 1, [field]: 1 });
      expect(options).to.include({ unique: true });
      expect(options!.partialFilterExpression).to.deep.equal({ [field]: { $type: 'string' } });
    }
  });

  it('removes expired end-user and console sessions with TTL indexes', () => {
    expect(find(indexes(mongoSchemas.sessionSchema()), { expiresAt: 1 })).to.include({ expireAfterSeconds: 0 });
    expect(find(indexes(mongoSchemas.ownerSessionSchema()), { expiresAt: 1 })).to.include({ expireAfterSeconds: 0 });
  });

  it('serves pages and cascades from indexes', () => {
    const records = indexes(mongoSchemas.recordSchema());
    expect(find(records, { endpointId: 1, createdAt: 1, _id: 1 })).to.not.equal(undefined);
    expect(find(records, { endpointId: 1, creatorId: 1, createdAt: 1, _id: 1 })).to.not.equal(undefined);
    expect(find(records, { projectId: 1 })).to.not.equal(undefined);
    expect(find(indexes(mongoSchemas.userSchema()), { endpointId: 1, createdAt: 1, _id: 1 })).to.not.equal(undefined);
    expect(find(indexes(mongoSchemas.sessionSchema()), { userId: 1, createdAt: 1, _id: 1 })).to.not.equal(undefined);
  });
});
