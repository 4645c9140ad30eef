import type { AccessOptions, JsonValue } from '@rested/shared';
import type { WhereNode } from './where.js';

/*
 * What storage reads and writes: rows as the server uses them, and the inputs and patches of writes.
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
  /** A file endpoint: its records describe files whose bytes live in the blob store. Fixed at creation. */
  files: boolean;
  /** File endpoints: the largest file accepted (bytes). */
  maxFileBytes: number;
  /** File endpoints: accepted MIME types or `type/*` patterns, lower-cased; empty = any. */
  allowedTypes: string[];
  secure: boolean;
  /** Auth endpoints: login refuses users whose email is not verified. */
  requireVerifiedEmail: boolean;
  access: AccessOptions;
  /** Owner-declared indexes: data fields (`data.email`), each a real index in the database. */
  indexes: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** `requireVerifiedEmail` defaults to false. */
export type EndpointInput = Omit<EndpointRow, 'id' | 'indexes' | 'createdAt' | 'updatedAt' | 'requireVerifiedEmail'> & { requireVerifiedEmail?: boolean };
/** `indexes` replaces the list: indexes added are built, indexes left out dropped. */
export type EndpointPatch = Partial<Omit<EndpointInput, 'projectId'> & Pick<EndpointRow, 'indexes'>>;

/** JSON text as stored: a string, or its UTF-8 bytes (a large record read into a page: storage/sqlite/pages.ts). */
export type StoredJson = string | Buffer;

export interface RecordRow {
  uniqueId: string;
  projectId: string;
  endpointId: string;
  /** uniqueId of the end user who created it, or null (public endpoint, master key). */
  creatorId: string | null;
  data: JsonValue;
  /** The stored JSON text of `data`, on a row read from storage (see storage/stored-data.ts). */
  readonly dataJson?: StoredJson;
  createdAt: Date;
  updatedAt: Date;
}

export interface RecordInput {
  /** Chosen by the caller when the record's file bytes are written before it (file endpoints); else a new id. */
  uniqueId?: string | undefined;
  projectId: string;
  endpointId: string;
  creatorId: string | null;
  data: JsonValue;
  /** The bytes of the record's file in the blob store, counted in the project's usage with its data; 0 when absent. */
  blobBytes?: number | undefined;
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
  /** Only rows matching this filter (see where.ts). */
  where?: WhereNode | undefined;
  /**
   * A byte budget on the page: the page ends before the first row whose stored JSON text would
   * take the page's total past it (UTF-8 bytes of the text as stored; a first row always comes,
   * whatever its size). Rows past the budget are never parsed. Unbounded when absent.
   */
  maxBytes?: number | undefined;
}

/**
 * One page of rows, at most `limit` of them; `more` is true when rows follow it (the limit or the
 * byte budget ended it): the next page starts `after` the last row.
 */
export type PageRows<T> = T[] & { more: boolean };

export interface UserRow {
  uniqueId: string;
  projectId: string;
  endpointId: string;
  /** Lower-cased copies, unique per auth endpoint. */
  usernameLower: string | null;
  emailLower: string | null;
  passwordHash: string;
  /** Set while an owner has disabled the user: login is refused (docs/sessions-and-devices.md). */
  disabledAt: Date | null;
  /** The public user record; never contains the password. */
  data: { [key: string]: JsonValue };
  /** The stored JSON text of `data`, on a row read from storage (see storage/stored-data.ts). */
  readonly dataJson?: StoredJson;
  createdAt: Date;
  updatedAt: Date;
}

/** A new user is never disabled. */
export type UserInput = Omit<UserRow, 'uniqueId' | 'createdAt' | 'updatedAt' | 'disabledAt'>;
export type UserPatch = Partial<Pick<UserRow, 'usernameLower' | 'emailLower' | 'passwordHash' | 'data' | 'disabledAt'>>;

export interface SessionRow {
  id: string;
  projectId: string;
  endpointId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** When a request last used the session, to the minute (createdAt until then): storage/storage.ts touchSession. */
  lastSeenAt: Date;
  userAgent: string;
  ip: string;
}

export type SessionInput = Omit<SessionRow, 'id' | 'createdAt' | 'revokedAt' | 'lastSeenAt'>;
