export * from './storage/types.js';
export { openStorage } from './storage/open-storage.js';
export { openSqliteStorage } from './storage/sqlite/index.js';
