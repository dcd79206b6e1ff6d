/** The codes of every expected failure, `MODULE.SCREAMING_SNAKE`; the HTTP layer maps each to a status. */
export const ERROR_CODES = [
  'INTERNAL',
  'VALIDATION.INVALID_INPUT',
  'DATABASE.IN_USE',
  'MECHANISM.NOT_FOUND',
  'MECHANISM.NAME_TAKEN',
  'MECHANISM.INVALID_PARTIES',
  'REGISTRY.PARTY_NOT_IN_MECHANISM',
  'REGISTRY.LIST_NOT_FOUND',
  'REGISTRY.VERSION_NOT_FOUND',
  'REGISTRY.IMPORT_REJECTED',
  'REGISTRY.FILE_TOO_LARGE',
  'REGISTRY.UNSUPPORTED_FILE',
  'REGISTRY.ENCODING',
  'AUDIT.BAD_EXPORT',
  'AUDIT.CHAIN_BROKEN',
  'ACCESS.FORBIDDEN',
  'ACCESS.USER_EXISTS',
  'ACCESS.USER_NOT_FOUND',
  'ACCESS.INVALID_GRANT',
  'ACCESS.TOKEN_NOT_FOUND',
  'AUTH.REQUIRED',
  'AUTH.INVALID_CREDENTIALS',
  'AUTH.SECOND_FACTOR_REQUIRED',
  'AUTH.CSRF',
  'AUTH.PASSWORD_POLICY',
  'AUTH.PASSWORD_CHANGE_REQUIRED',
  'RECONCILIATION.RUNNING',
  'RECONCILIATION.NOT_RUN',
  'RECONCILIATION.PAIR_NOT_FOUND',
  'RECONCILIATION.STALE_PAIR',
  'RECONCILIATION.CONFLICT',
  'AGREEMENT.NOT_FOUND',
  'AGREEMENT.NAME_TAKEN',
  'AGREEMENT.INVALID',
  'AGREEMENT.RULE_INVALID',
  'AGREEMENT.TEMPLATE_NOT_FOUND',
  'AGREEMENT.VERSION_NOT_FOUND',
  'AGREEMENT.STATUS_TRANSITION',
  'HTTP.RATE_LIMITED',
  'HTTP.BODY_TOO_LARGE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

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
