import { expect } from 'chai';
import { mongoSchemas } from '@rested/server/testing';

/** Every field each collection stores, in schema order: the stored document shape, which must never drift. */
const FIELDS: [keyof typeof mongoSchemas, string[]][] = [
  ['ownerSchema', ['_id', 'email', 'emailLower', 'name', 'passwordHash', 'createdAt']],
  ['ownerSessionSchema', ['_id', 'ownerId', 'tokenHash', 'createdAt', 'expiresAt', 'revokedAt']],
  ['projectSchema', ['_id', 'ownerId', 'name', 'apiKey', 'allowedOrigins', 'disallowNoOrigin', 'masterKeyHash', 'tokenTtlSeconds', 'jwtSecret', 'createdAt', 'updatedAt']],
  ['endpointSchema', ['_id', 'projectId', 'name', 'description', 'auth', 'files', 'maxFileBytes', 'allowedTypes', 'secure', 'requireVerifiedEmail', 'access.readOthers', 'access.updateOthers', 'access.deleteOthers', 'indexes', 'createdAt', 'updatedAt']],
  ['recordSchema', ['_id', 'projectId', 'endpointId', 'creatorId', 'dataJson', 'sortable', 'queryable', 'blobBytes', 'createdAt', 'updatedAt']],
  ['userSchema', ['_id', 'projectId', 'endpointId', 'usernameLower', 'emailLower', 'passwordHash', 'disabledAt', 'dataJson', 'sortable', 'queryable', 'createdAt', 'updatedAt']],
  ['sessionSchema', ['_id', 'projectId', 'endpointId', 'userId', 'createdAt', 'expiresAt', 'revokedAt', 'lastSeenAt', 'userAgent', 'ip']],
  ['emailSettingsSchema', ['_id', 'from', 'host', 'port', 'secure', 'user', 'passwordSealed', 'updatedAt']],
  ['emailTemplateSchema', ['_id', 'projectId', 'name', 'subject', 'html', 'text', 'createdAt', 'updatedAt']],
  ['oneTimeTokenSchema', ['_id', 'purpose', 'subjectId', 'projectId', 'endpointId', 'createdAt', 'expiresAt']],
  ['auditEventSchema', ['_id', 'projectId', 'at', 'type', 'actor.kind', 'actor.id', 'ip', 'userAgent', 'requestId', 'target.endpoint', 'target.uniqueId', 'target.sessionId', 'detailsJson']],
];

describe('MongoDB adapter: the fields each collection stores', () => {
  for (const [schema, fields] of FIELDS) {
    it(`${schema} declares exactly ${fields.length} fields`, () => {
      expect(Object.keys(mongoSchemas[schema]().paths)).to.deep.equal(fields);
    });
  }

  it('declares a schema for every collection listed here', () => {
    expect(Object.keys(mongoSchemas).sort()).to.deep.equal(FIELDS.map(([schema]) => schema).sort());
  });
});
