import type { Connection, Model } from 'mongoose';
import type { JsonValue } from '@rested/shared';
import { isDeclaredIndex } from './indexes.js';
import { toQueryable } from './queryable.js';
import type { AuditEventDoc, EmailSettingsDoc, EmailTemplateDoc, OneTimeTokenDoc, EndpointDoc, OwnerDoc, OwnerSessionDoc, ProjectDoc, RecordDoc, SessionDoc, UserDoc } from './documents.js';
import {
  auditEventSchema,
  emailSettingsSchema,
  emailTemplateSchema,
  oneTimeTokenSchema,
  endpointSchema,
  ownerSchema,
  ownerSessionSchema,
  projectSchema,
  recordSchema,
  sessionSchema,
  userSchema,
} from './schemas.js';
import { requestErrorSchema, trafficCountSchema, type RequestErrorDoc, type TrafficCountDoc } from './traffic-schemas.js';

export interface Models {
  owners: Model<OwnerDoc>;
  ownerSessions: Model<OwnerSessionDoc>;
  projects: Model<ProjectDoc>;
  endpoints: Model<EndpointDoc>;
  records: Model<RecordDoc>;
  users: Model<UserDoc>;
  sessions: Model<SessionDoc>;
  emailSettings: Model<EmailSettingsDoc>;
  emailTemplates: Model<EmailTemplateDoc>;
  oneTimeTokens: Model<OneTimeTokenDoc>;
  auditEvents: Model<AuditEventDoc>;
  trafficCounts: Model<TrafficCountDoc>;
  requestErrors: Model<RequestErrorDoc>;
}

/** The models, registered on this connection only (never on the global mongoose). */
export function createModels(connection: Connection, auditRetentionDays: number): Models {
  return {
    owners: connection.model<OwnerDoc>('Owner', ownerSchema()),
    ownerSessions: connection.model<OwnerSessionDoc>('OwnerSession', ownerSessionSchema()),
    projects: connection.model<ProjectDoc>('Project', projectSchema()),
    endpoints: connection.model<EndpointDoc>('Endpoint', endpointSchema()),
    records: connection.model<RecordDoc>('Record', recordSchema()),
    users: connection.model<UserDoc>('User', userSchema()),
    sessions: connection.model<SessionDoc>('Session', sessionSchema()),
    emailSettings: connection.model<EmailSettingsDoc>('EmailSettings', emailSettingsSchema()),
    emailTemplates: connection.model<EmailTemplateDoc>('EmailTemplate', emailTemplateSchema()),
    oneTimeTokens: connection.model<OneTimeTokenDoc>('OneTimeToken', oneTimeTokenSchema()),
    auditEvents: connection.model<AuditEventDoc>('AuditEvent', auditEventSchema(auditRetentionDays)),
    trafficCounts: connection.model<TrafficCountDoc>('TrafficCount', trafficCountSchema()),
    requestErrors: connection.model<RequestErrorDoc>('RequestError', requestErrorSchema()),
  };
}

/**
 * Creates the collections and brings their indexes in line with the schemas, so the unique
 * indexes exist before the first write, and drops the indexes no schema declares except the
 * owner-declared ones; then gives older records and users their queryable copy.
 */
export async function prepareCollections(models: Models): Promise<void> {
  const all: Array<Pick<Model<unknown>, 'init' | 'diffIndexes' | 'cleanIndexes' | 'createIndexes'>> = Object.values(models);
  await Promise.all(
    all.map(async (model) => {
      await model.init();
      // syncIndexes(), except that the owner-declared indexes (indexes.ts) stay.
      const { toDrop } = await model.diffIndexes();
      await model.cleanIndexes({ toDrop: toDrop.filter((name: string) => !isDeclaredIndex(name)) });
      await model.createIndexes();
    }),
  );
  await Promise.all([addQueryableCopies(models.records), addQueryableCopies(models.users)]);
}

const BACKFILL_BATCH = 500;

/**
 * Records and users stored before `where` existed have no queryable copy (queryable.ts), so no
 * filter would find them: the copy is added from their stored JSON text, a batch at a time.
 */
async function addQueryableCopies(model: Model<RecordDoc> | Model<UserDoc>): Promise<void> {
  const collection = model.collection;
  for (;;) {
    const docs = await collection.find({ queryable: { $exists: false } }, { projection: { dataJson: 1 }, limit: BACKFILL_BATCH }).toArray();
    if (docs.length === 0) return;
    await collection.bulkWrite(docs.map((doc) => ({
      updateOne: { filter: { _id: doc._id, queryable: { $exists: false } }, update: { $set: { queryable: toQueryable(JSON.parse(doc.dataJson as string) as JsonValue) } } },
    })));
  }
}
