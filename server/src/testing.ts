/*
 * @rested/server/testing: internals that tests reach into, kept out of the public entry (this
 * one loads mongoose). Nothing here is an API for programs.
 */
export { translateError as translateMongoError } from './storage/mongo/errors.js';
export * as mongoSchemas from './storage/mongo/schemas.js';
export { recordStore as mongoRecordStore } from './storage/mongo/records.js';
export { userStore as mongoUserStore } from './storage/mongo/users.js';
export { auditStore as mongoAuditStore } from './storage/mongo/audit.js';
export { translateError as translateSqliteError } from './storage/sqlite/errors.js';
export { createContext as createSqliteContext, createWriteQueue, MAX_GROUP } from './storage/sqlite/context.js';
export { sqliteStorage } from './storage/sqlite/index.js';
export { migrate } from './storage/sqlite/migrations.js';
export { withLookupCache } from './storage/lookup-cache.js';
export { newId } from './storage/ids.js';
export { QUERY_SCAN_MAX } from './runtime/query-range.js';
export { isoTime } from './wire/iso-time.js';
export { createHashQueue, defaultHashSlots, HashQueueFull } from './auth/hash-slots.js';
export { hashesWaiting, MAX_HASHES_WAITING_PER_KEY } from './auth/passwords.js';
export { projectSigningKey, SIGNING_KEYS_KEPT } from './auth/keys.js';
export { signAccessToken } from './auth/access-tokens.js';
export { createWorkerPool } from './runtime/jsonata/worker-pool.js';
export { jsonShapeProblem, MAX_NESTING, MAX_VALUES, shapeScanner } from './http/json-shape.js';
export { envelopeText, JsonBytes, shape, shapeValues } from './wire/envelope.js';
export { withStoredData } from './storage/stored-data.js';
export { createFairQueue } from './runtime/jsonata/fair-queue.js';
export { parseWhere } from './runtime/where-param.js';
export { pageStatement as sqlitePageStatement } from './storage/sqlite/pages.js';
export { whereQuery as mongoWhereQuery } from './storage/mongo/where-query.js';
export { queryablePath, toQueryable } from './storage/mongo/queryable.js';
export { IN_PLACE_ROWS } from './storage/sqlite/indexes.js';
export { createPageTurns } from './runtime/page-turns.js';
export { PACED_SLICE_BYTES, pacedBody } from './http/paced-body.js';
export { transferKey } from './storage/transfer-keys.js';
export { createTrafficRecorder } from './traffic/traffic-recorder.js';
