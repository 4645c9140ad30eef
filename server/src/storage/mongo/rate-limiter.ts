import type { Connection } from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import { narrowLimiter } from '../rate-limiter.js';
import type { RateLimiter, RateLimiterOptions } from '../storage.js';

/**
 * A limiter whose counters live in MongoDB, so every server instance shares them.
 *
 * Given a mongoose connection, rate-limiter-flexible uses that connection's own database and
 * ignores `dbName` (it only applies to a MongoClient). `tableName` is the collection, one per
 * key prefix; the library creates its TTL index on `expire` and a unique index on `key` itself.
 */
export function createMongoRateLimiter(connection: Connection, options: RateLimiterOptions): RateLimiter {
  return narrowLimiter(new RateLimiterMongo({
    storeClient: connection,
    keyPrefix: options.keyPrefix,
    tableName: `rateLimits_${options.keyPrefix}`,
    points: options.points,
    duration: options.durationSeconds,
  }));
}
