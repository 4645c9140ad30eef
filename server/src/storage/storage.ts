import type {
  EndpointInput, EndpointPatch, EndpointRow, OwnerRow, OwnerSessionRow, PageQuery, PageRows, ProjectInput, ProjectPatch, ProjectRow,
  RecordInput, RecordRow, SessionInput, SessionRow, UserInput, UserPatch, UserRow,
} from './rows.js';
import type { EmailStore, OneTimeTokenStore } from './email-storage.js';
import type { BlobStore } from './blob-store.js';
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
  createProject(input: ProjectInput): Promise<ProjectRow>;
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
  createEndpoint(input: EndpointInput): Promise<EndpointRow>;
  findEndpointById(id: string): Promise<EndpointRow | null>;
  findEndpointByName(projectId: string, name: string): Promise<EndpointRow | null>;
  listEndpoints(projectId: string): Promise<EndpointRow[]>;
  updateEndpoint(id: string, patch: EndpointPatch): Promise<EndpointRow | null>;
  /** Removes the endpoint with its records, users and sessions. */
  deleteEndpoint(id: string): Promise<boolean>;
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
   * with `creatorId` alone it counts that creator's records on an index, so it grows with them.
   */
  countRecords(endpointId: string, filter?: { creatorId?: string | undefined; upTo?: number | undefined }): Promise<number>;
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
  createUser(input: UserInput): Promise<UserRow>;
  findUserById(endpointId: string, uniqueId: string): Promise<UserRow | null>;
  /** Looks up by lower-cased username or email within one auth endpoint. */
  findUserByLogin(endpointId: string, login: { usernameLower: string } | { emailLower: string }): Promise<UserRow | null>;
  listUsers(endpointId: string, query: Omit<PageQuery, 'creatorId'>): Promise<PageRows<UserRow>>;
  countUsers(endpointId: string): Promise<number>;
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
  createSession(input: SessionInput): Promise<SessionRow>;
  findSession(id: string): Promise<SessionRow | null>;
  /** The session and its user (null when the user is gone), in one read where the store allows. */
  findSessionWithUser(id: string): Promise<{ session: SessionRow; user: UserRow | null } | null>;
  listSessions(endpointId: string, userId: string): Promise<SessionRow[]>;
  /** Marks it revoked; false when it does not exist or was already revoked. */
  revokeSession(id: string): Promise<boolean>;
  /** Revokes every live session of the user, except `exceptId`; answers how many. */
  revokeUserSessions(userId: string, options?: { exceptId?: string | undefined }): Promise<number>;
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

export interface Storage extends OwnerStore, ProjectStore, EndpointStore, RecordStore, UserStore, SessionStore, EmailStore, OneTimeTokenStore, TrafficStore {
  readonly kind: 'sqlite' | 'mongo';
  /** The bytes of file endpoints' files: on disk beside SQLite, in GridFS on MongoDB (blob-store.ts). */
  readonly blobs: BlobStore;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Login throttling: in memory on SQLite (one process, or the cluster primary under WORKERS), shared through the database on MongoDB. */
  createRateLimiter(options: RateLimiterOptions): RateLimiter;
}
