import type { Logger } from 'pino';
import { StorageError, type StorageErrorCode } from '../storage/storage-error.js';
import { ApiError } from './api-error.js';

interface StorageAnswer {
  /** The warning logged with the request id (the storage error's own message goes with it, never to the client). */
  log: string;
  answer: () => ApiError;
}

/**
 * Every StorageError code that an action did not translate itself, and what the client gets for
 * it. A code added to StorageErrorCode fails to compile until it has a row here.
 */
const STORAGE_ANSWERS: Record<StorageErrorCode, StorageAnswer> = {
  unavailable: {
    log: 'database unavailable',
    answer: () => new ApiError('service_unavailable', 'The database is unavailable right now. Try again shortly.', { headers: { 'Retry-After': '1' } }),
  },
  // A write that refers to a row deleted while the request ran (a record created while its endpoint is deleted).
  not_found: {
    log: 'write refers to a row deleted meanwhile',
    answer: () => new ApiError('conflict', 'What this request refers to was deleted while it ran. Reload and try again.'),
  },
  // A unique value taken where no action answers it with its own reason (e.g. user_exists).
  conflict: {
    log: 'unique conflict not answered by the action',
    answer: () => new ApiError('conflict', 'A value that must be unique is already taken. Try again.'),
  },
};

/**
 * The ApiError any thrown value is answered with: ApiErrors as they are, storage errors from the
 * table above (logged as warnings), anything else 500 internal_error (logged, never leaked).
 */
export function toApiError(error: unknown, logger: Logger, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if ((error as { type?: string } | null)?.type === 'entity.too.large') return new ApiError('payload_too_large', 'The request body is too large.');
  if (error instanceof StorageError) {
    const { log, answer } = STORAGE_ANSWERS[error.code];
    logger.warn({ req: requestId, err: error.message, ...(error.field ? { field: error.field } : {}) }, log);
    return answer();
  }
  logger.error({ req: requestId, err: error }, 'unexpected error');
  return new ApiError('internal_error', 'Something went wrong on our side. Quote the request id when reporting it.');
}
