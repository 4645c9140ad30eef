import type { Connection, Model } from 'mongoose';
import type { EmailSettingsDoc, EmailTemplateDoc, OneTimeTokenDoc, EndpointDoc, OwnerDoc, OwnerSessionDoc, ProjectDoc, RecordDoc, SessionDoc, UserDoc } from './documents.js';
import {
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
  trafficCounts: Model<TrafficCountDoc>;
  requestErrors: Model<RequestErrorDoc>;
}

/** The models, registered on this connection only (never on the global mongoose). */
export function createModels(connection: Connection): Models {
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
    trafficCounts: connection.model<TrafficCountDoc>('TrafficCount', trafficCountSchema()),
    requestErrors: connection.model<RequestErrorDoc>('RequestError', requestErrorSchema()),
  };
}

/**
 * Creates the collections and brings their indexes in line with the schemas, so the unique
 * indexes exist before the first write. syncIndexes() also drops indexes no schema declares.
 */
export async function prepareCollections(models: Models): Promise<void> {
  const all: Array<Pick<Model<unknown>, 'init' | 'syncIndexes'>> = Object.values(models);
  await Promise.all(
    all.map(async (model) => {
      await model.init();
      await model.syncIndexes();
    }),
  );
}
