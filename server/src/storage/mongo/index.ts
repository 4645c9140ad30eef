import { RateLimiterMongo } from 'rate-limiter-flexible';
import { systemClock, type Clock, type Storage } from '../types.js';
import { openConnection, pingServer } from './connection.js';
import type { MongoContext } from './context.js';
import { guardAll, translateError } from './errors.js';
import { createModels, prepareCollections } from './models.js';
import { ownerOps } from './owners.js';
import { projectOps } from './projects.js';
import { recordOps } from './records.js';
import { sessionOps } from './sessions.js';
import { userOps } from './users.js';

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
    const methods = guardAll({
      ping: () => pingServer(connection),
      close: () => connection.close(),
      ...ownerOps(ctx),
      ...projectOps(ctx),
      ...recordOps(ctx),
      ...userOps(ctx),
      ...sessionOps(ctx),
    });
    return {
      kind: 'mongo',
      ...methods,
      // Shared by every instance on this database: one collection per keyPrefix, on this
      // connection's database (rate-limiter-flexible ignores dbName for mongoose connections).
      createRateLimiter: ({ keyPrefix, points, durationSeconds }) =>
        new RateLimiterMongo({ storeClient: connection, keyPrefix, points, duration: durationSeconds, tableName: `rateLimits_${keyPrefix}` }),
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw translateError(error);
  }
}
