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

/** Translate a better-sqlite3 error into a StorageError; anything else is rethrown as is. */
export function translate(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_') && /UNIQUE|PRIMARYKEY/.test(code)) {
    const message = (error as Error).message;
    const column = /\.(\w+)$/.exec(message)?.[1] ?? '';
    throw new StorageError('conflict', 'A row with the same unique value exists.', FIELD_BY_COLUMN[column] ?? column);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    throw new StorageError('not_found', 'The row this write refers to does not exist (any more).');
  }
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    throw new StorageError('unavailable', 'The database stayed locked longer than the busy timeout.');
  }
  throw error;
}
