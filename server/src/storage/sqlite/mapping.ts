import type { EndpointRow, OwnerRow, OwnerSessionRow, ProjectRow, RecordRow, SessionRow, StoredJson, UserRow } from '../rows.js';
import { withStoredData } from '../stored-data.js';

/* Row shapes as better-sqlite3 returns them, and their mapping to storage rows. */

type Raw = Record<string, unknown>;

const date = (v: unknown): Date => new Date(v as number);
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as number));
const bool = (v: unknown): boolean => v === 1;

export const toOwner = (r: Raw): OwnerRow => ({
  id: r.id as string,
  email: r.email as string,
  name: r.name as string,
  passwordHash: r.password_hash as string,
  createdAt: date(r.created_at),
});

export const toOwnerSession = (r: Raw): OwnerSessionRow => ({
  id: r.id as string,
  ownerId: r.owner_id as string,
  tokenHash: r.token_hash as string,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
  revokedAt: dateOrNull(r.revoked_at),
});

export const toProject = (r: Raw): ProjectRow => ({
  id: r.id as string,
  ownerId: r.owner_id as string,
  name: r.name as string,
  apiKey: r.api_key as string,
  allowedOrigins: JSON.parse(r.allowed_origins as string) as string[],
  disallowNoOrigin: bool(r.disallow_no_origin),
  masterKeyHash: (r.master_key_hash as string | null) ?? null,
  tokenTtlSeconds: r.token_ttl_seconds as number,
  jwtSecret: r.jwt_secret as string,
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

export const toEndpoint = (r: Raw): EndpointRow => ({
  id: r.id as string,
  projectId: r.project_id as string,
  name: r.name as string,
  description: r.description as string,
  auth: bool(r.auth),
  files: bool(r.files),
  maxFileBytes: r.max_file_bytes as number,
  allowedTypes: JSON.parse(r.allowed_types as string) as string[],
  secure: bool(r.secure),
  requireVerifiedEmail: bool(r.require_verified_email),
  access: { readOthers: bool(r.read_others), updateOthers: bool(r.update_others), deleteOthers: bool(r.delete_others) },
  indexes: JSON.parse(r.indexes as string) as string[],
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

export const toRecord = (r: Raw): RecordRow =>
  withStoredData<RecordRow>({
    uniqueId: r.unique_id as string,
    projectId: r.project_id as string,
    endpointId: r.endpoint_id as string,
    creatorId: (r.creator_id as string | null) ?? null,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  }, r.data as StoredJson);

export const toUser = (r: Raw): UserRow =>
  withStoredData<UserRow>({
    uniqueId: r.unique_id as string,
    projectId: r.project_id as string,
    endpointId: r.endpoint_id as string,
    usernameLower: (r.username_lower as string | null) ?? null,
    emailLower: (r.email_lower as string | null) ?? null,
    passwordHash: r.password_hash as string,
    disabledAt: dateOrNull(r.disabled_at),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  }, r.data as StoredJson);

export const toSession = (r: Raw): SessionRow => ({
  id: r.id as string,
  projectId: r.project_id as string,
  endpointId: r.endpoint_id as string,
  userId: r.user_id as string,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
  revokedAt: dateOrNull(r.revoked_at),
  lastSeenAt: dateOrNull(r.last_seen_at) ?? date(r.created_at),
  userAgent: r.user_agent as string,
  ip: r.ip as string,
});
