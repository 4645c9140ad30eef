import { systemClock, type Clock } from '../../clock.js';
import { composeStorage } from '../compose-storage.js';
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
}

/** Opens the MongoDB storage on its own connection; resolves once the indexes exist. */
export async function openMongoStorage(options: MongoOptions): Promise<Storage> {
  const connection = await openConnection(options.uri);
  try {
    const models = createModels(connection);
    await prepareCollections(models);
    const clock = options.clock ?? systemClock;
    const ctx: MongoContext = { models, now: () => new Date(clock.now().getTime()) };
    const stores = { ownerStore, projectStore, endpointStore, recordStore, userStore, sessionStore, emailStore, oneTimeTokenStore, trafficStore };
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
