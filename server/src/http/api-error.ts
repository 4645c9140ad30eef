import { REASONS, type Reason } from '@rested/shared';

/** The one error type handlers throw; the error middleware turns it into the JSON envelope. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly reason: Reason,
    message: string,
    readonly extra: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = REASONS[reason];
  }
}

export const apiError = (reason: Reason, message: string, extra?: ApiError['extra']): ApiError => new ApiError(reason, message, extra);
