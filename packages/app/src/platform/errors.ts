import { ERROR_CODES, type ErrorCode } from '@parley/kernel/http';

export { ERROR_CODES, type ErrorCode };

/** An expected failure with a stable code, a message for people and optional structured details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
