import { StorageError } from '../storage-error.js';

/** Unique index key → the logical field a conflict reports. */
const FIELD_BY_KEY: Record<string, string> = {
  emailLower: 'email',
  usernameLower: 'username',
  name: 'name',
  apiKey: 'apiKey',
  tokenHash: 'tokenHash',
  _id: 'id',
};

/** Driver and mongoose errors that mean the server cannot be reached right now. */
const UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoServerClosedError',
  'MongoPoolClosedError',
  'MongoOperationTimeoutError',
]);

/** Server error codes of a primary stepping down or a server shutting down. */
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

interface DriverError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  keyPattern?: unknown;
}

function conflictField(error: DriverError): string {
  const keys = error.keyPattern && typeof error.keyPattern === 'object' ? Object.keys(error.keyPattern) : [];
  const known = keys.find((k) => FIELD_BY_KEY[k] !== undefined);
  if (known) return FIELD_BY_KEY[known]!;
  // Fallback: the index name in the message ("… index: projectId_1_name_1 dup key …"); keys are
  // tried in declaration order, so usernameLower wins over its substring name.
  const index = /index: (\S+)/.exec(String(error.message))?.[1] ?? '';
  const fromName = Object.keys(FIELD_BY_KEY).find((k) => index.includes(k));
  return fromName ? FIELD_BY_KEY[fromName]! : index;
}

function isUnavailable(error: DriverError): boolean {
  if (typeof error.name === 'string' && UNAVAILABLE_NAMES.has(error.name)) return true;
  if (error.name === 'MongoServerError' && typeof error.code === 'number') return UNAVAILABLE_CODES.has(error.code);
  // mongoose's own: "Operation `x.find()` buffering timed out", "Connection was force closed".
  return error.name === 'MongooseError' && /buffering timed out|force closed/.test(String(error.message));
}

/** A StorageError for duplicate keys and unreachable servers; any other error as it is. */
export function translateError(error: unknown): unknown {
  if (error instanceof StorageError || error === null || typeof error !== 'object') return error;
  const driverError = error as DriverError;
  if (driverError.code === 11000) {
    return new StorageError('conflict', 'A document with the same unique value exists.', conflictField(driverError));
  }
  if (isUnavailable(driverError)) {
    return new StorageError('unavailable', `MongoDB is unavailable: ${String(driverError.message)}`);
  }
  return error;
}
