import type { JsonValue } from '@rested/shared';
import type { EndpointRow, OwnerRow, OwnerSessionRow, ProjectRow, RecordRow, SessionRow, UserRow } from '../rows.js';
import type {
  DataFields,
  EndpointDoc,
  OwnerDoc,
  OwnerSessionDoc,
  ProjectDoc,
  RecordDoc,
  SessionDoc,
  UserDoc,
} from './documents.js';
import { withStoredData } from '../stored-data.js';
import { toQueryable } from './queryable.js';
import { toSortable } from './sortable.js';

/* Stored documents (lean reads) → storage rows, and JSON data → its stored fields. */

/** Records and users are read without their sortable and queryable copies. */
export type Stored<T extends DataFields> = Omit<T, 'sortable' | 'queryable'>;
export const WITHOUT_SORTABLE = { sortable: 0, queryable: 0 } as const;

export function dataFields(data: JsonValue): DataFields {
  return { dataJson: JSON.stringify(data), sortable: toSortable(data), queryable: toQueryable(data) };
}

export function mapOrNull<D, R>(doc: D | null, map: (doc: D) => R): R | null {
  return doc === null ? null : map(doc);
}

export const toOwner = (d: OwnerDoc): OwnerRow => ({
  id: d._id,
  email: d.email,
  name: d.name,
  passwordHash: d.passwordHash,
  createdAt: d.createdAt,
});

export const toOwnerSession = (d: OwnerSessionDoc): OwnerSessionRow => ({
  id: d._id,
  ownerId: d.ownerId,
  tokenHash: d.tokenHash,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
  revokedAt: d.revokedAt ?? null,
});

export const toProject = (d: ProjectDoc): ProjectRow => ({
  id: d._id,
  ownerId: d.ownerId,
  name: d.name,
  apiKey: d.apiKey,
  allowedOrigins: [...d.allowedOrigins],
  disallowNoOrigin: d.disallowNoOrigin,
  masterKeyHash: d.masterKeyHash ?? null,
  tokenTtlSeconds: d.tokenTtlSeconds,
  jwtSecret: d.jwtSecret,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export const toEndpoint = (d: EndpointDoc): EndpointRow => ({
  id: d._id,
  projectId: d.projectId,
  name: d.name,
  description: d.description,
  auth: d.auth,
  // Endpoints stored before file endpoints existed have none of these fields.
  files: d.files ?? false,
  maxFileBytes: d.maxFileBytes ?? 100 * 1024 * 1024,
  allowedTypes: [...(d.allowedTypes ?? [])],
  secure: d.secure,
  requireVerifiedEmail: d.requireVerifiedEmail ?? false,
  access: { readOthers: d.access.readOthers, updateOthers: d.access.updateOthers, deleteOthers: d.access.deleteOthers },
  indexes: [...(d.indexes ?? [])],
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export const toRecord = (d: Stored<RecordDoc>): RecordRow =>
  withStoredData<RecordRow>({
    uniqueId: d._id,
    projectId: d.projectId,
    endpointId: d.endpointId,
    creatorId: d.creatorId ?? null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  }, d.dataJson);

export const toUser = (d: Stored<UserDoc>): UserRow =>
  withStoredData<UserRow>({
    uniqueId: d._id,
    projectId: d.projectId,
    endpointId: d.endpointId,
    usernameLower: d.usernameLower ?? null,
    emailLower: d.emailLower ?? null,
    passwordHash: d.passwordHash,
    disabledAt: d.disabledAt ?? null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  }, d.dataJson);

export const toSession = (d: SessionDoc): SessionRow => ({
  id: d._id,
  projectId: d.projectId,
  endpointId: d.endpointId,
  userId: d.userId,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
  revokedAt: d.revokedAt ?? null,
  lastSeenAt: d.lastSeenAt ?? d.createdAt,
  userAgent: d.userAgent,
  ip: d.ip,
});
