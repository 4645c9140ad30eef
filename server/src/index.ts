/*
 * @rested/server: what an embedding program or a test needs to build and run the server.
 * Importing it loads neither mongoose nor better-sqlite3's MongoDB sibling: openStorage loads
 * the adapter it opens. Test-only internals live in '@rested/server/testing'.
 */
export type * from './storage/rows.js';
export type * from './storage/storage.js';
export type * from './storage/email-rows.js';
export type * from './storage/email-storage.js';
export { StorageError, type StorageErrorCode } from './storage/storage-error.js';
export { systemClock, type Clock } from './clock.js';
export { openStorage } from './storage/open-storage.js';
export { openSqliteStorage } from './storage/sqlite/index.js';
export { createApp, type App, type AppDeps } from './app.js';
export type { Services } from './services.js';
export { loadConfig, ConfigError, type Config, type ServerLimits } from './config/load-config.js';
export { createHttpServer } from './http-server.js';
export { hashPassword, verifyPassword } from './auth/passwords.js';
export { hashMasterKey, newKey } from './auth/keys.js';
export type * from './storage/blob-store.js';
export type * from './storage/traffic-storage.js';
