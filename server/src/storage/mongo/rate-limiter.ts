import type { Connection } from 'mongoose';
import { RateLimiterMongo, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimiterOptions } from '../types.js';

/**
 * A limiter whose counters live in MongoDB, so every server instance shares them.
 *
 * Given a mongoose connection, rate-limiter-flexible uses that connection's own database and
 * ignores `dbName` (it only applies to a MongoClient). `tableName` is the collection, one per
 * key prefix; the library creates its TTL index on `expire` and a unique index on `key` itself.
 */
export function createMongoRateLimiter(connection: Connection, options: RateLimiterOptions): RateLimiterAbstract {
  return new RateLimiterMongo({
    storeClient: connection,
    keyPrefix: options.keyPrefix,
    tableName: `rateLimits_${options.keyPrefix}`,
    points: options.points,
    duration: options.durationSeconds,
  });
}
