/**
 * The one error type that leaves a storage adapter: each adapter translates its driver's errors
 * into it (storage/sqlite/errors.ts, storage/mongo/errors.ts), and the error middleware maps
 * its codes to HTTP answers (http/error-answers.ts).
 *
 * - `conflict`: a unique value is taken (`field` names which: `email`, `username`, `name`, `apiKey`, …);
 * - `not_found`: a write refers to a row that does not exist (any more);
 * - `unavailable`: the database cannot be reached or stayed locked; try again shortly.
 */
export type StorageErrorCode = 'conflict' | 'not_found' | 'unavailable';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** For conflicts: which unique field collided (e.g. `email`, `username`, `name`, `apiKey`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}
