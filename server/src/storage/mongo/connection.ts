import mongoose, { type Connection } from 'mongoose';
import { StorageError } from '../storage-error.js';

/**
 * A dedicated connection (not the global mongoose singleton). Indexes are built explicitly by
 * prepareCollections(), so autoIndex is off. sanitizeFilter wraps any `$`-object that reaches a
 * filter from outside in `$eq`; this adapter marks its own operators with mongoose.trusted().
 * Timeouts (serverSelectionTimeoutMS…) can be tuned in the URI.
 */
export async function openConnection(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { autoIndex: false, sanitizeFilter: true });
  try {
    return await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw new StorageError('unavailable', `Cannot connect to MongoDB: ${(error as Error).message}`);
  }
}

/** Round trip to the server (admin `ping` command). */
export async function pingServer(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new StorageError('unavailable', 'The MongoDB connection is not open.');
  await db.admin().ping();
}
