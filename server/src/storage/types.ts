import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AccessOptions, JsonValue } from '@rested/shared';

/**
 * The storage interface. The contract suite in test/storage is its definition:
 * every adapter must pass it unchanged.
 *
 * Conventions: `find…` answers null (or []) for a missing row; writes on a missing row
 * answer null/false; a unique-constraint violation throws StorageError('conflict').
 * Times are Date objects with millisecond precision.
 */

export interface OwnerRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: Date;
}

export interface OwnerSessionRow {
  id: string;
  ownerId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface ProjectRow {
  id: string;
  ownerId: string;
  name: string;
  apiKey: string;
  allowedOrigins: string[];
  disallowNoOrigin: boolean;
  masterKeyHash: string | null;
  tokenTtlSeconds: number;
  /** Secret that signs this project's end-user access tokens. */
  jwtSecret: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ProjectInput = Omit<ProjectRow, 'id' | 'createdAt' | 'updatedAt'>;
export type ProjectPatch = Partial<Omit<ProjectInput, 'ownerId' | 'jwtSecret'>>;

export interface EndpointRow {
  id: string;
  projectId: string;
  name: string;
  description: string;
  auth: boolean;
  secure: boolean;
  access: AccessOptions;
  createdAt: Date;
  updatedAt: Date;
}

export type EndpointInput = Omit<EndpointRow, 'id' | 'createdAt' | 'updatedAt'>;
export type EndpointPatch = Partial<Omit<EndpointInput, 'projectId'>>;

export interface RecordRow {
  uniqueId: string;
  projectId: string;
  endpointId: string;
  /** uniqueId of the end user who created it, or null (public endpoint, master key). */
  creatorId: string | null;
  data: JsonValue;
  createdAt: Date;
  updatedAt: Date;
}

export interface RecordInput {
  projectId: string;
  endpointId: string;
  creatorId: string | null;
  data: JsonValue;
}

/** Sort key: `createdAt` or a dotted path into `data` (`data.price`). */
export interface SortSpec {
  field: 'createdAt' | `data.${string}`;
  direction: 'asc' | 'desc';
}

export interface PageQuery {
  limit: number;
  /** uniqueId of the last item of the previous page. Unknown cursor → empty page. */
  after?: string | undefined;
  sort?: SortSpec | undefined;
  /** Only records created by this end user. */
  creatorId?: string | undefined;
}

export interface UserRow {
  uniqueId: string;
  projectId: string;
  endpointId: string;
  /** Lower-cased copies, unique per auth endpoint. */
  usernameLower: string | null;
  emailLower: string | null;
  passwordHash: string;
  /** The public user record; never contains the password. */
  data: { [key: string]: JsonValue };
  createdAt: Date;
  updatedAt: Date;
}

export type UserInput = Omit<UserRow, 'uniqueId' | 'createdAt' | 'updatedAt'>;
export type UserPatch = Partial<Pick<UserRow, 'usernameLower' | 'emailLower' | 'passwordHash' | 'data'>>;

export interface SessionRow {
  id: string;
  projectId: string;
  endpointId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string;
  ip: string;
}

export type SessionInput = Omit<SessionRow, 'id' | 'createdAt' | 'revokedAt'>;

export interface RateLimiterOptions {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

export interface Storage {
  readonly kind: 'sqlite' | 'mongo';
  ping(): Promise<void>;
  close(): Promise<void>;

  createOwner(input: Omit<OwnerRow, 'id' | 'createdAt'>): Promise<OwnerRow>;
  findOwnerById(id: string): Promise<OwnerRow | null>;
  /** Case-insensitive. */
  findOwnerByEmail(email: string): Promise<OwnerRow | null>;

  createOwnerSession(input: Pick<OwnerSessionRow, 'ownerId' | 'tokenHash' | 'expiresAt'>): Promise<OwnerSessionRow>;
  findOwnerSessionByTokenHash(tokenHash: string): Promise<OwnerSessionRow | null>;
  revokeOwnerSession(id: string): Promise<boolean>;

  createProject(input: ProjectInput): Promise<ProjectRow>;
  findProjectById(id: string): Promise<ProjectRow | null>;
  findProjectByApiKey(apiKey: string): Promise<ProjectRow | null>;
  listProjects(ownerId: string): Promise<ProjectRow[]>;
  updateProject(id: string, patch: ProjectPatch): Promise<ProjectRow | null>;
  /** Removes the project with its endpoints, records, users and sessions. */
  deleteProject(id: string): Promise<boolean>;

  createEndpoint(input: EndpointInput): Promise<EndpointRow>;
  findEndpointById(id: string): Promise<EndpointRow | null>;
  findEndpointByName(projectId: string, name: string): Promise<EndpointRow | null>;
  listEndpoints(projectId: string): Promise<EndpointRow[]>;
  updateEndpoint(id: string, patch: EndpointPatch): Promise<EndpointRow | null>;
  /** Removes the endpoint with its records, users and sessions. */
  deleteEndpoint(id: string): Promise<boolean>;

  createRecord(input: RecordInput): Promise<RecordRow>;
  /** The records of the endpoint with these ids, in the order of `uniqueIds`; missing ones left out. */
  findRecords(endpointId: string, uniqueIds: readonly string[]): Promise<RecordRow[]>;
  listRecords(endpointId: string, query: PageQuery): Promise<RecordRow[]>;
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
  updateRecord(endpointId: string, uniqueId: string, next: (current: RecordRow) => JsonValue): Promise<RecordRow | null>;
  deleteRecord(endpointId: string, uniqueId: string): Promise<boolean>;

  createUser(input: UserInput): Promise<UserRow>;
  findUserById(endpointId: string, uniqueId: string): Promise<UserRow | null>;
  /** Looks up by lower-cased username or email within one auth endpoint. */
  findUserByLogin(endpointId: string, login: { usernameLower: string } | { emailLower: string }): Promise<UserRow | null>;
  listUsers(endpointId: string, query: Omit<PageQuery, 'creatorId'>): Promise<UserRow[]>;
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

  createSession(input: SessionInput): Promise<SessionRow>;
  findSession(id: string): Promise<SessionRow | null>;
  /** The session and its user (null when the user is gone), in one read where the store allows. */
  findSessionWithUser(id: string): Promise<{ session: SessionRow; user: UserRow | null } | null>;
  listSessions(endpointId: string, userId: string): Promise<SessionRow[]>;
  /** Marks it revoked; false when it does not exist or was already revoked. */
  revokeSession(id: string): Promise<boolean>;
  /** Revokes every live session of the user, except `exceptId`; answers how many. */
  revokeUserSessions(userId: string, options?: { exceptId?: string | undefined }): Promise<number>;

  /** Login throttling: in memory on SQLite (one process, or the cluster primary under WORKERS), shared through the database on MongoDB. */
  createRateLimiter(options: RateLimiterOptions): RateLimiterAbstract;
}

export type StorageErrorCode = 'conflict' | 'not_found' | 'unavailable';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** For conflicts: which unique field collided (e.g. `email`, `username`, `name`, `apiKey`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
