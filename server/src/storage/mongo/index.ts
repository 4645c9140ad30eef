import { systemClock, type Clock } from '../../clock.js';
import { DEFAULT_AUDIT_RETENTION_DAYS, type AuditEventInput } from '../audit-rows.js';
import { composeStorage } from '../compose-storage.js';
import { auditStore } from './audit.js';
import type { Storage } from '../storage.js';
import { openConnection, pingServer } from './connection.js';
import type { MongoContext } from './context.js';
import { emailStore } from './email.js';
import { endpointStore } from './endpoints.js';
import { gridFsBlobStore } from './gridfs-blob-store.js';
import { translateError } from './errors.js';
import { createModels, prepareCollections } from './models.js';
import { oneTimeTokenStore } from './one-time-tokens.js';
import { ownerStore } from './owners.js';
import { projectStore } from './projects.js';
import { createMongoRateLimiter } from './rate-limiter.js';
import { recordStore } from './records.js';
import { sessionStore } from './sessions.js';
import { transferStore } from './transfer.js';
import { trafficStore } from './traffic.js';
import { userStore } from './users.js';

/*
 * The MongoDB adapter (mongoose 9). One dedicated connection per storage, explicit schemas
 * (strict: 'throw', no version key, minimize off), lean reads, string `_id`s from newId().
 * Record and user data: exact JSON text plus a sanitized copy for sorting (sortable.ts).
 * Keyset pagination: keyset.ts. Driver errors become StorageErrors (errors.ts) at the seam
 * composeStorage builds, on every method of the stores and on ping and close, and when the
 * storage opens.
 */

export interface MongoOptions {
  uri: string;
  clock?: Clock;
  /** Audit events older than this many days expire (a TTL index; AUDIT_RETENTION_DAYS, default 90). */
  auditRetentionDays?: number;
  /** Told of an audit event that could not be written after its change (the change stands). */
  onAuditFailure?: (error: unknown, event: AuditEventInput) => void;
}

/** Opens the MongoDB storage on its own connection; resolves once the indexes exist. */
export async function openMongoStorage(options: MongoOptions): Promise<Storage> {
  const connection = await openConnection(options.uri);
  try {
    const models = createModels(connection, options.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS);
    await prepareCollections(models);
    const clock = options.clock ?? systemClock;
    const onAuditFailure = options.onAuditFailure ?? (() => undefined);
    const ctx: MongoContext = { models, now: () => new Date(clock.now().getTime()), onAuditFailure };
    const stores = { ownerStore, projectStore, endpointStore, recordStore, userStore, sessionStore, emailStore, oneTimeTokenStore, transferStore, auditStore, trafficStore };
    return composeStorage(ctx, stores, {
      kind: 'mongo',
      ping: () => pingServer(connection),
      close: () => connection.close(),
      createRateLimiter: (limiterOptions) => createMongoRateLimiter(connection, limiterOptions),
      blobs: gridFsBlobStore(connection),
    }, translateError);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw translateError(error);
  }
}
