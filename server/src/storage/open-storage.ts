import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { AuditEventInput } from './audit-rows.js';
import type { Storage } from './storage.js';

export interface StorageConfig {
  dataDir: string;
  mongodbUri?: string | undefined;
  auditRetentionDays?: number | undefined;
}

export interface StorageHooks {
  clock?: Clock;
  /** MongoDB: an audit event that could not be written after its change (logged by the caller). */
  onAuditFailure?: (error: unknown, event: AuditEventInput) => void;
}

/** The embedded database's file in a data directory. */
export const sqliteFile = (dataDir: string): string => join(dataDir, 'rested.sqlite');

/** MongoDB when a URI is configured, otherwise the embedded SQLite file in the data directory. */
export async function openStorage(config: StorageConfig, hooks: StorageHooks = {}): Promise<Storage> {
  const retention = config.auditRetentionDays === undefined ? {} : { auditRetentionDays: config.auditRetentionDays };
  if (config.mongodbUri) {
    const { openMongoStorage } = await import('./mongo/index.js');
    return openMongoStorage({ uri: config.mongodbUri, ...retention, ...hooks });
  }
  const { openSqliteStorage } = await import('./sqlite/index.js');
  return openSqliteStorage({ file: sqliteFile(config.dataDir), ...retention, ...(hooks.clock ? { clock: hooks.clock } : {}) });
}
