import type { Reason } from './errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The envelope every runtime read and write answers with (unless `dataOnly=true`). */
export type RecordEnvelope<T = JsonValue> = {
  uniqueId: string;
  data: T;
  createdAt: string;
  updatedAt: string;
};

export interface ErrorEnvelope {
  error: {
    code: number;
    status: string;
    reason: Reason;
    message: string;
    request: string;
    /** Field name → problem, for validation errors the dashboard shows next to inputs. */
    fields?: Record<string, string>;
  };
}

export interface Owner {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface Project {
  id: string;
  name: string;
  apiKey: string;
  allowedOrigins: string[];
  disallowNoOrigin: boolean;
  hasMasterKey: boolean;
  tokenTtlSeconds: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/console/projects/:id/usage: what the project stores, against its quotas. */
export interface ProjectUsage {
  /** Records and end users. */
  records: number;
  /** The JSON text of their data, in bytes (UTF-8). */
  bytes: number;
  quotas: {
    records: number;
    bytes: number;
    /** Creates, updates and registrations per client address, per minute. */
    writesPerMinute: number;
  };
}

export interface AccessOptions {
  readOthers: boolean;
  updateOthers: boolean;
  deleteOthers: boolean;
}

export interface Endpoint {
  id: string;
  projectId: string;
  name: string;
  description: string;
  auth: boolean;
  /** A file endpoint (docs/file-endpoints.md); fixed at creation, like `auth`. */
  files: boolean;
  /** File endpoints: the largest file accepted, in bytes (at most the server's FILE_LIMIT). */
  maxFileBytes: number;
  /** File endpoints: MIME types or `type/*` patterns accepted; empty = any. */
  allowedTypes: string[];
  secure: boolean;
  /** Auth endpoints: login refuses users whose email is not verified (403 email_not_verified). */
  requireVerifiedEmail: boolean;
  access: AccessOptions;
  /** Owner-declared indexes: data fields such as `data.email` (docs/querying.md). */
  indexes: string[];
  recordCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface RecordPage {
  items: RecordEnvelope[];
  next: string | null;
  total: number;
}

export interface SessionInfo {
  id: string;
  user: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  userAgent: string;
  ip: string;
}

/** One of the caller's own live sessions (GET ?sessions=true on an auth endpoint). */
export interface OwnSession {
  id: string;
  /** The session of the request's own token. */
  current: boolean;
  createdAt: string;
  /** To the minute. */
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
  ip: string;
}

/** One event of a project's audit log (GET /api/console/projects/:id/audit). */
export interface AuditEvent {
  id: string;
  at: string;
  type: string;
  actor: { kind: 'owner' | 'user' | 'master' | 'system'; id?: string };
  ip: string;
  userAgent: string;
  requestId: string;
  target: { endpoint?: string; uniqueId?: string; sessionId?: string };
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEvent[];
  /** The cursor of the next (older) page: pass it as `after`; null on the last page. */
  next: string | null;
}

export interface Health {
  status: 'ok';
  storage: 'sqlite' | 'mongo';
}

/** The `data` of a record on a file endpoint. */
export type FileRecordData = {
  file: FileDescriptor;
  metadata: { [field: string]: JsonValue };
};

export type FileDescriptor = {
  name: string;
  type: string;
  size: number;
  sha256: string;
};
