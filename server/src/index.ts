export * from './storage/types.js';
export { openStorage } from './storage/open-storage.js';
export { openSqliteStorage } from './storage/sqlite/index.js';
export { createApp, type App, type AppDeps, type Services } from './app.js';
export { loadConfig, ConfigError, type Config } from './config/load-config.js';
export { hashPassword, verifyPassword } from './auth/passwords.js';
export { hashMasterKey, newKey } from './auth/keys.js';
export { createLookupCache } from './runtime/lookup-cache.js';
/** Parts of the MongoDB adapter, exported for unit tests that need no MongoDB server. */
export { translateError as translateMongoError } from './storage/mongo/errors.js';
export * as mongoSchemas from './storage/mongo/schemas.js';
export { recordOps as mongoRecordOps } from './storage/mongo/records.js';
export { userOps as mongoUserOps } from './storage/mongo/users.js';
export { DATA_SORT_MAX_RECORDS } from './runtime/actions/records.js';
