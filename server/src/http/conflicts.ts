import type { Reason } from '@rested/shared';
import { StorageError } from '../storage/storage-error.js';
import { apiError } from './api-error.js';

/** How a conflict on one unique field is answered: its reason (a 409 one) and its message. */
export type ConflictAnswer = readonly [reason: Reason, message: string];

/**
 * A `.catch` handler for a storage write: a StorageError('conflict') on one of the mapped fields
 * becomes that field's answer (with `fields: true` also naming the field in `error.fields`, for
 * forms); anything else is rethrown as it is, so a conflict on a field left out of the map meets
 * the error middleware's generic 409 `conflict`.
 */
export function conflictsAs(answers: Record<string, ConflictAnswer>, options: { fields?: boolean } = {}): (error: unknown) => never {
  return (error) => {
    const field = error instanceof StorageError && error.code === 'conflict' ? error.field : undefined;
    if (field === undefined || !Object.hasOwn(answers, field)) throw error;
    const [reason, message] = answers[field]!;
    throw apiError(reason, message, options.fields ? { fields: { [field]: message } } : {});
  };
}
