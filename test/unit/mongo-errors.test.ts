import { expect } from 'chai';
import { StorageError } from '@rested/server';
import { translateMongoError } from '@rested/server/testing';

/** What the MongoDB driver throws, reduced to the fields the adapter reads. */
const driverError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'boom')), fields);

describe('MongoDB adapter: driver errors become storage errors', () => {
  const duplicates: [string, Record<string, unknown>, string][] = [
    ['a duplicate owner email', { keyPattern: { emailLower: 1 } }, 'email'],
    ['a duplicate username on one auth endpoint', { keyPattern: { endpointId: 1, usernameLower: 1 } }, 'username'],
    ['a duplicate email on one auth endpoint', { keyPattern: { endpointId: 1, emailLower: 1 } }, 'email'],
    ['a duplicate endpoint name in a project', { keyPattern: { projectId: 1, name: 1 } }, 'name'],
    ['a duplicate API key', { keyPattern: { apiKey: 1 } }, 'apiKey'],
    ['a duplicate without keyPattern, named by its index', { message: 'E11000 duplicate key error collection: t.users index: endpointId_1_usernameLower_1 dup key' }, 'username'],
  ];
  for (const [what, fields, field] of duplicates) {
    it(`reports ${what} as a conflict on ${field}`, () => {
      const translated = translateMongoError(driverError({ name: 'MongoServerError', code: 11000, ...fields }));
      expect(translated).to.be.instanceOf(StorageError);
      expect(translated).to.include({ code: 'conflict', field });
    });
  }

  for (const name of ['MongoServerSelectionError', 'MongoNetworkError', 'MongoNotConnectedError']) {
    it(`reports ${name} as unavailable`, () => {
      expect(translateMongoError(driverError({ name }))).to.be.instanceOf(StorageError).and.include({ code: 'unavailable' });
    });
  }

  it('reports a primary stepping down as unavailable', () => {
    expect(translateMongoError(driverError({ name: 'MongoServerError', code: 10107 }))).to.include({ code: 'unavailable' });
  });

  it('passes any other error through unchanged', () => {
    const other = driverError({ name: 'MongoServerError', code: 2 });
    expect(translateMongoError(other)).to.equal(other);
    const mine = new Error('thrown by an update function');
    expect(translateMongoError(mine)).to.equal(mine);
  });
});
