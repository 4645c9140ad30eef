import type {
  EndpointInput, EndpointPatch, EndpointRow, OwnerRow, OwnerSessionRow, PageQuery, PageRows, ProjectInput, ProjectPatch, ProjectRow,
  RecordInput, RecordRow, SessionInput, SessionRow, UserInput, UserPatch, UserRow,
} from './rows.js';
import type { EmailSettingsRow, EmailTemplateRow, OneTimeTokenRow } from './email-rows.js';
import type { AuditEventInput, AuditEventRow, AuditQuery } from './audit-rows.js';
import type { EmailStore, OneTimeTokenStore } from './email-storage.js';
import type { BlobStore } from './blob-store.js';
import type { WhereNode } from './where.js';
import type { TrafficStore } from './traffic-storage.js';

/*
 * The storage interface, one part per entity. The contract suite in test/storage (one file per
 * part, same names) is its definition: every adapter must pass it unchanged. Each adapter has one
 * file per part (sqlite/owners.ts beside mongo/owners.ts, …) exporting the same factory name.
 *
 * Conventions: `find…` answers null (or []) for a missing row; writes on a missing row answer
 * null/false; a unique-constraint violation throws StorageError('conflict'), an unreachable
 * database StorageError('unavailable'). Times are Date objects with millisecond precision.
 */

/** Owner accounts of the dashboard, and their console sessions. */
export interface OwnerStore {
  createOwner(input: Omit<OwnerRow, 'id' | 'createdAt'>): Promise<OwnerRow>;
  findOwnerById(id: string): Promise<OwnerRow | null>;
  /** Compared folded (Unicode NFKC, lower case: auth/identifiers.ts), as createOwner stores it. */
  findOwnerByEmail(email: string): Promise<OwnerRow | null>;
  /** Whether any owner exists (a fresh install has none: the dashboard opens Sign up). */
  hasOwners(): Promise<boolean>;

  createOwnerSession(input: Pick<OwnerSessionRow, 'ownerId' | 'tokenHash' | 'expiresAt'>): Promise<OwnerSessionRow>;
  findOwnerSessionByTokenHash(tokenHash: string): Promise<OwnerSessionRow | null>;
  revokeOwnerSession(id: string): Promise<boolean>;
  /** The owner's sessions, live or not, oldest first. */
  listOwnerSessions(ownerId: string): Promise<OwnerSessionRow[]>;
  /** Revokes every live session of the owner, except `exceptId`; answers how many. */
  revokeOwnerSessions(ownerId: string, options?: { exceptId?: string | undefined }): Promise<number>;
  /** Replaces the owner's password hash; false when there is no such owner. */
  updateOwnerPassword(id: string, passwordHash: string): Promise<boolean>;
}

export interface ProjectStore {
  /** `id`, when given, is the new project's (a fresh newId(), so an audit event can name it before the write). */
  createProject(input: ProjectInput & { id?: string | undefined }): Promise<ProjectRow>;
  findProjectById(id: string): Promise<ProjectRow | null>;
  findProjectByApiKey(apiKey: string): Promise<ProjectRow | null>;
  listProjects(ownerId: string): Promise<ProjectRow[]>;
  updateProject(id: string, patch: ProjectPatch): Promise<ProjectRow | null>;
  /** Removes the project with its endpoints, records, users, sessions, email settings, templates and tokens. */
  deleteProject(id: string): Promise<boolean>;
  /**
   * What the project stores, for its quotas: its records and end users, and the bytes of their
   * data as JSON text (UTF-8) plus the bytes of their files (blobBytes). Zeros for an unknown project. SQLite reads one row kept by triggers;
   * MongoDB adds them up on the projectId index (so it grows with the project).
   */
  projectUsage(projectId: string): Promise<ProjectUsage>;
}

export interface ProjectUsage {
  /** Records and end users. */
  records: number;
  bytes: number;
}

export interface EndpointStore {
  /** `id`, when given, is the new endpoint's (as for createProject). */
  createEndpoint(input: EndpointInput & { id?: string | undefined }): Promise<EndpointRow>;
  findEndpointById(id: string): Promise<EndpointRow | null>;
  findEndpointByName(projectId: string, name: string): Promise<EndpointRow | null>;
  listEndpoints(projectId: string): Promise<EndpointRow[]>;
  updateEndpoint(id: string, patch: EndpointPatch): Promise<EndpointRow | null>;
  /** Removes the endpoint with its records, users and sessions. */
  deleteEndpoint(id: string): Promise<boolean>;
}

export interface CountFilter {
  where?: WhereNode | undefined;
  upTo?: number | undefined;
}

export interface RecordStore {
  createRecord(input: RecordInput): Promise<RecordRow>;
  /** The records of the endpoint with these ids, in the order of `uniqueIds`; missing ones left out. */
  findRecords(endpointId: string, uniqueIds: readonly string[]): Promise<RecordRow[]>;
  listRecords(endpointId: string, query: PageQuery): Promise<PageRows<RecordRow>>;
  /**
   * How many records the endpoint holds (only those of `creatorId` when given). With `upTo`, the
   * count stops there: it answers min(count, upTo) and reads at most `upTo` index entries, so it
   * stays cheap on any endpoint. Without a filter, SQLite reads one row of a count it keeps per
   * endpoint by triggers (the same cost at any size; MongoDB counts on its index, asynchronously);
   * with `creatorId` alone it counts that creator's records on an index, so it grows with them;
   * with `where`, only the matching records (see where.ts).
   */
  countRecords(endpointId: string, filter?: CountFilter & { creatorId?: string | undefined }): Promise<number>;
  /**
   * Atomically replaces the data with `next(current)`: no other update of the record slips in
   * between the read and the write, so concurrent merges never lose a change. `next` must be
   * synchronous and free of side effects (it may run more than once); what it throws propagates
   * with nothing written. Null when there is no such record.
   */
  updateRecord(endpointId: string, uniqueId: string, next: (current: RecordRow) => RecordRow['data']): Promise<RecordRow | null>;
  /**
   * Replaces a file record's data and the size of its file in the blob store (usage counts
   * both), and moves updatedAt. Null when there is no such record.
   */
  replaceRecordFile(endpointId: string, uniqueId: string, change: { data: RecordRow['data']; blobBytes: number }): Promise<RecordRow | null>;
  deleteRecord(endpointId: string, uniqueId: string): Promise<boolean>;
}

/** End users of authentication endpoints. */
export interface UserStore {
  /** `uniqueId`, when given, is the new user's (a fresh newId(), so an audit event can name it before the write). */
  createUser(input: UserInput & { uniqueId?: string | undefined }): Promise<UserRow>;
  findUserById(endpointId: string, uniqueId: string): Promise<UserRow | null>;
  /** Looks up by lower-cased username or email within one auth endpoint. */
  findUserByLogin(endpointId: string, login: { usernameLower: string } | { emailLower: string }): Promise<UserRow | null>;
  listUsers(endpointId: string, query: Omit<PageQuery, 'creatorId'>): Promise<PageRows<UserRow>>;
  /** How many users the endpoint holds, matching `where` when given, stopping at `upTo` as countRecords does. */
  countUsers(endpointId: string, filter?: CountFilter): Promise<number>;
  /**
   * Atomically applies the patch `next(current)` answers (fields it leaves undefined keep their
   * value), like updateRecord: no other update of the user slips in between the read and the
   * write. `next` must be synchronous and free of side effects (it may run more than once); what
   * it throws propagates with nothing written. A username or email taken by another user throws
   * StorageError('conflict'), nothing written. Null when there is no such user.
   */
  updateUser(endpointId: string, uniqueId: string, next: (current: UserRow) => UserPatch): Promise<UserRow | null>;
  /** Removes the user and all its sessions. */
  deleteUser(endpointId: string, uniqueId: string): Promise<boolean>;
}

/** End users' login sessions. */
export interface SessionStore {
  /** `id`, when given, is the new session's (a fresh newId(), as for createUser). */
  createSession(input: SessionInput & { id?: string | undefined }): Promise<SessionRow>;
  findSession(id: string): Promise<SessionRow | null>;
  /** The session and its user (null when the user is gone), in one read where the store allows. */
  findSessionWithUser(id: string): Promise<{ session: SessionRow; user: UserRow | null } | null>;
  listSessions(endpointId: string, userId: string): Promise<SessionRow[]>;
  /** Marks it revoked; false when it does not exist or was already revoked. */
  revokeSession(id: string): Promise<boolean>;
  /** Revokes every live session of the user, except `exceptId`; answers how many. */
  revokeUserSessions(userId: string, options?: { exceptId?: string | undefined }): Promise<number>;
  /**
   * Moves the session's lastSeenAt to `at` only if it is older than `at` minus `everyMs`, so a
   * session is written at most once per `everyMs` however many requests use it; answers whether it wrote.
   */
  touchSession(id: string, at: Date, everyMs: number): Promise<boolean>;
}

/** The audit log of each project (docs/audit-log.md). */
export interface AuditStore {
  /**
   * Runs `change` (one store call, such as `() => storage.updateUser(…)`) and records `event` with
   * it, only when it changed something (it answered neither null, false nor 0). SQLite writes the
   * event in the same transaction as the first write of `change`: if the event cannot be written,
   * the change is rolled back and this rejects. MongoDB writes it right after the change; a failed
   * event write is reported to the adapter's onAuditFailure and never fails the change.
   */
  audited<T>(event: AuditEventInput, change: () => Promise<T>): Promise<T>;
  /** Records an event that goes with no change (a failed login, a use of the master key). */
  appendAuditEvent(event: AuditEventInput): Promise<AuditEventRow>;
  /** One page of the project's events, newest first; `more` when older ones follow. */
  listAuditEvents(projectId: string, query: AuditQuery): Promise<PageRows<AuditEventRow>>;
  /** Removes the events older than `before` (retention); answers how many. */
  deleteAuditEventsBefore(before: Date): Promise<number>;
}

/**
 * Every kind of stored row, by the name backup, export, import and migrate use for it
 * (ops/kinds.ts lists them in the order they are written). A new kind of data is one entry here
 * and in transfer-keys.ts, one in each adapter's transfer.ts table, and one in ops/kinds.ts.
 */
export interface TransferRows {
  owners: OwnerRow;
  ownerSessions: OwnerSessionRow;
  projects: ProjectRow;
  endpoints: EndpointRow;
  users: UserRow;
  sessions: SessionRow;
  records: TransferRecordRow;
  emailSettings: EmailSettingsRow;
  emailTemplates: EmailTemplateRow;
  oneTimeTokens: OneTimeTokenRow;
  auditEvents: AuditEventRow;
}
export type TransferKind = keyof TransferRows;

/** A record whole: with the bytes of its file in the blob store (file endpoints; 0 otherwise), which count in its project's usage. */
export type TransferRecordRow = RecordRow & { blobBytes: number };

export interface ScanQuery {
  /** The key (transfer-keys.ts) of the last row of the previous batch. */
  after?: string | undefined;
  limit: number;
  /**
   * Only what belongs to this project: its own row, its owner, and the rows carrying its id;
   * kinds that belong to the install rather than a project (owner sessions) answer none.
   */
  projectId?: string | undefined;
}

/** Whole rows in and out, ids and times kept: what moves data between installs and stores. */
export interface TransferStore {
  /** Rows of a kind in ascending order of their key (transfer-keys.ts; byte order), after `after`, at most `limit`. */
  scanRows<K extends TransferKind>(kind: K, query: ScanQuery): Promise<Array<TransferRows[K]>>;
  /**
   * Writes the rows as they are (ids, times and password hashes kept): on SQLite all or none, on
   * MongoDB in order up to the first failure (writing them again is safe either way). A row whose
   * key is already stored is left as it is, so writing the same rows twice changes nothing;
   * a row that collides with a different stored row on another unique field (an owner's email,
   * an API key, a username) throws StorageError('conflict'). Answers how many rows were new.
   */
  putRows<K extends TransferKind>(kind: K, rows: ReadonlyArray<TransferRows[K]>): Promise<number>;
  /** How many rows of the kind are stored (with `projectId`, as scanRows picks them). */
  countRows(kind: TransferKind, projectId?: string): Promise<number>;
}

export interface RateLimiterOptions {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/** A fixed-window counter per key; what login throttling needs of rate-limiter-flexible, and no more. */
export interface RateLimiter {
  /** Counts one point for `key`: 0 when it is within the limit, else the seconds until the window ends (at least 1). */
  consume(key: string): Promise<number>;
  /** Gives `points` back to `key`. */
  reward(key: string, points: number): Promise<void>;
  /** Forgets `key`: its count starts over. */
  delete(key: string): Promise<void>;
}

export interface Storage extends OwnerStore, ProjectStore, EndpointStore, RecordStore, UserStore, SessionStore, EmailStore, OneTimeTokenStore, TransferStore, AuditStore, TrafficStore {
  readonly kind: 'sqlite' | 'mongo';
  /** The bytes of file endpoints' files: on disk beside SQLite, in GridFS on MongoDB (blob-store.ts). */
  readonly blobs: BlobStore;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Login throttling: in memory on SQLite (one process, or the cluster primary under WORKERS), shared through the database on MongoDB. */
  createRateLimiter(options: RateLimiterOptions): RateLimiter;
}
