import { StorageError } from '../storage-error.js';

const FIELD_BY_COLUMN: Record<string, string> = {
  email_lower: 'email',
  username_lower: 'username',
  api_key: 'apiKey',
  token_hash: 'tokenHash',
  name: 'name',
  unique_id: 'uniqueId',
  id: 'id',
};

/** A StorageError for unique and foreign-key violations and a database that stayed locked; any other error as it is. */
export function translateError(error: unknown): unknown {
  if (error instanceof StorageError || error === null || typeof error !== 'object') return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_CONSTRAINT_') && /UNIQUE|PRIMARYKEY/.test(code)) {
    // "UNIQUE constraint failed: users.endpoint_id, users.username_lower": the last column names the field.
    const column = /\.(\w+)$/.exec(String((error as { message?: unknown }).message))?.[1] ?? '';
    return new StorageError('conflict', 'A row with the same unique value exists.', FIELD_BY_COLUMN[column] ?? column);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new StorageError('not_found', 'The row this write refers to does not exist (any more).');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageError('unavailable', 'The database stayed locked longer than the busy timeout.');
  }
  return error;
}
