import { Schema } from 'mongoose';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../audit-rows.js';
import type { AuditEventDoc, EmailSettingsDoc, EmailTemplateDoc, OneTimeTokenDoc, EndpointDoc, OwnerDoc, OwnerSessionDoc, ProjectDoc, RecordDoc, SessionDoc, UserDoc } from './documents.js';

/*
 * Explicit schemas, one per collection. Fresh Schema objects per call, so that no mongoose
 * state is shared between connections. Every index a query relies on is declared here and
 * built by syncIndexes() when the storage opens (autoIndex is off).
 */

const key = { type: String, required: true } as const;
const text = { type: String, default: '' } as const;
const nullableText = { type: String, default: null } as const;
const date = { type: Date, required: true } as const;
const nullableDate = { type: Date, default: null } as const;
const flag = { type: Boolean, required: true } as const;

/** A schema definition names exactly the fields of its document type (documents.ts), checked at compile time. */
type FieldsOf<Doc> = { [K in keyof Doc]-?: unknown };

function options(collection: string) {
  return { collection, versionKey: false, minimize: false, strict: 'throw', id: false } as const;
}

/** A unique index that ignores documents where `field` is null (partial, strings only). */
function uniqueWhenSet(field: string) {
  return { unique: true, partialFilterExpression: { [field]: { $type: 'string' } } };
}

export function ownerSchema() {
  const schema = new Schema<OwnerDoc>(
    { _id: key, email: text, emailLower: key, name: text, passwordHash: key, createdAt: date } satisfies FieldsOf<OwnerDoc>,
    options('owners'),
  );
  schema.index({ emailLower: 1 }, { unique: true });
  return schema;
}

export function ownerSessionSchema() {
  const schema = new Schema<OwnerSessionDoc>(
    { _id: key, ownerId: key, tokenHash: key, createdAt: date, expiresAt: date, revokedAt: nullableDate } satisfies FieldsOf<OwnerSessionDoc>,
    options('ownerSessions'),
  );
  schema.index({ tokenHash: 1 }, { unique: true });
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return schema;
}

export function projectSchema() {
  const schema = new Schema<ProjectDoc>(
    {
      _id: key,
      ownerId: key,
      name: text,
      apiKey: key,
      allowedOrigins: { type: [String], default: [] },
      disallowNoOrigin: flag,
      masterKeyHash: nullableText,
      tokenTtlSeconds: { type: Number, required: true },
      jwtSecret: key,
      createdAt: date,
      updatedAt: date,
    } satisfies FieldsOf<ProjectDoc>,
    options('projects'),
  );
  schema.index({ apiKey: 1 }, { unique: true });
  schema.index({ ownerId: 1, createdAt: 1, _id: 1 });
  return schema;
}

export function endpointSchema() {
  const schema = new Schema<EndpointDoc>(
    {
      _id: key,
      projectId: key,
      name: key,
      description: text,
      auth: flag,
      files: { type: Boolean, default: false },
      maxFileBytes: { type: Number, default: 100 * 1024 * 1024 },
      allowedTypes: { type: [String], default: [] },
      secure: flag,
      requireVerifiedEmail: { type: Boolean, default: false },
      access: { readOthers: flag, updateOthers: flag, deleteOthers: flag },
      indexes: { type: [String], default: [] },
      createdAt: date,
      updatedAt: date,
    } satisfies FieldsOf<EndpointDoc>,
    options('endpoints'),
  );
  schema.index({ projectId: 1, name: 1 }, { unique: true });
  return schema;
}

/** `dataJson` is the exact JSON text; `sortable` and `queryable` the sanitized copies for sorting and filtering. */
const dataFields = {
  dataJson: key,
  sortable: { type: Schema.Types.Mixed, default: null },
  queryable: { type: Schema.Types.Mixed, default: null },
} as const;

export function recordSchema() {
  const schema = new Schema<RecordDoc>(
    {
      _id: key,
      projectId: key,
      endpointId: key,
      creatorId: nullableText,
      ...dataFields,
      blobBytes: { type: Number, default: 0 },
      createdAt: date,
      updatedAt: date,
    } satisfies FieldsOf<RecordDoc>,
    options('records'),
  );
  schema.index({ endpointId: 1, createdAt: 1, _id: 1 });
  schema.index({ endpointId: 1, creatorId: 1, createdAt: 1, _id: 1 });
  schema.index({ projectId: 1 });
  return schema;
}

export function userSchema() {
  const schema = new Schema<UserDoc>(
    {
      _id: key,
      projectId: key,
      endpointId: key,
      usernameLower: nullableText,
      emailLower: nullableText,
      passwordHash: key,
      disabledAt: nullableDate,
      ...dataFields,
      createdAt: date,
      updatedAt: date,
    } satisfies FieldsOf<UserDoc>,
    options('users'),
  );
  schema.index({ endpointId: 1, usernameLower: 1 }, uniqueWhenSet('usernameLower'));
  schema.index({ endpointId: 1, emailLower: 1 }, uniqueWhenSet('emailLower'));
  schema.index({ endpointId: 1, createdAt: 1, _id: 1 });
  schema.index({ projectId: 1 });
  return schema;
}

export function sessionSchema() {
  const schema = new Schema<SessionDoc>(
    {
      _id: key,
      projectId: key,
      endpointId: key,
      userId: key,
      createdAt: date,
      expiresAt: date,
      revokedAt: nullableDate,
      lastSeenAt: nullableDate,
      userAgent: text,
      ip: text,
    } satisfies FieldsOf<SessionDoc>,
    options('sessions'),
  );
  schema.index({ userId: 1, createdAt: 1, _id: 1 });
  schema.index({ endpointId: 1 });
  schema.index({ projectId: 1 });
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return schema;
}

export function emailSettingsSchema() {
  return new Schema<EmailSettingsDoc>(
    {
      _id: key,
      from: key,
      host: key,
      port: { type: Number, required: true },
      secure: flag,
      user: nullableText,
      passwordSealed: nullableText,
      updatedAt: date,
    } satisfies FieldsOf<EmailSettingsDoc>,
    options('emailSettings'),
  );
}

export function emailTemplateSchema() {
  const schema = new Schema<EmailTemplateDoc>(
    { _id: key, projectId: key, name: key, subject: text, html: text, text: nullableText, createdAt: date, updatedAt: date } satisfies FieldsOf<EmailTemplateDoc>,
    options('emailTemplates'),
  );
  schema.index({ projectId: 1, name: 1 });
  return schema;
}

export function oneTimeTokenSchema() {
  const schema = new Schema<OneTimeTokenDoc>(
    {
      _id: key,
      purpose: key,
      subjectId: key,
      projectId: nullableText,
      endpointId: nullableText,
      createdAt: date,
      expiresAt: date,
    } satisfies FieldsOf<OneTimeTokenDoc>,
    options('oneTimeTokens'),
  );
  schema.index({ subjectId: 1, purpose: 1 });
  schema.index({ projectId: 1 });
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return schema;
}

/** Event ids sort by time: each page, filtered or not, is one range of one index. TTL: AUDIT_RETENTION_DAYS. */
export function auditEventSchema(retentionDays = DEFAULT_AUDIT_RETENTION_DAYS) {
  const schema = new Schema<AuditEventDoc>(
    {
      _id: key,
      projectId: key,
      at: date,
      type: key,
      actor: { kind: key, id: nullableText },
      ip: text,
      userAgent: text,
      requestId: text,
      target: { endpoint: nullableText, uniqueId: nullableText, sessionId: nullableText },
      detailsJson: key,
    } satisfies FieldsOf<AuditEventDoc>,
    options('auditEvents'),
  );
  schema.index({ projectId: 1, _id: -1 });
  schema.index({ projectId: 1, type: 1, _id: -1 });
  schema.index({ projectId: 1, 'target.uniqueId': 1, _id: -1 });
  schema.index({ projectId: 1, 'target.endpoint': 1, _id: -1 });
  schema.index({ at: 1 }, { expireAfterSeconds: retentionDays * 86_400 });
  return schema;
}
