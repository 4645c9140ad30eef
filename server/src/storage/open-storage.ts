import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { Storage } from './storage.js';

export interface StorageConfig {
  dataDir: string;
  mongodbUri?: string | undefined;
}

/** The embedded database's file in a data directory. */
export const sqliteFile = (dataDir: string): string => join(dataDir, 'rested.sqlite');

/** MongoDB when a URI is configured, otherwise the embedded SQLite file in the data directory. */
export async function openStorage(config: StorageConfig, clock?: Clock): Promise<Storage> {
  if (config.mongodbUri) {
    const { openMongoStorage } = await import('./mongo/index.js');
    return openMongoStorage({ uri: config.mongodbUri, ...(clock ? { clock } : {}) });
  }
  const { openSqliteStorage } = await import('./sqlite/index.js');
  return openSqliteStorage({ file: sqliteFile(config.dataDir), ...(clock ? { clock } : {}) });
}
