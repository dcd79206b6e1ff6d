import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.ts';

/** The HTTP status of every error code; typed so that a new code without a status fails to compile. */
const STATUS_OF: Record<ErrorCode, number> = {
  INTERNAL: 500,
  'VALIDATION.INVALID_INPUT': 400,
  'DATABASE.IN_USE': 503,
  'MECHANISM.NOT_FOUND': 404,
  'MECHANISM.NAME_TAKEN': 409,
  'MECHANISM.INVALID_PARTIES': 400,
  'REGISTRY.PARTY_NOT_IN_MECHANISM': 404,
  'REGISTRY.LIST_NOT_FOUND': 404,
  'REGISTRY.VERSION_NOT_FOUND': 404,
  'REGISTRY.IMPORT_REJECTED': 422,
  'REGISTRY.FILE_TOO_LARGE': 413,
  'REGISTRY.UNSUPPORTED_FILE': 415,
  'REGISTRY.ENCODING': 422,
  'AUDIT.BAD_EXPORT': 400,
  'AUDIT.CHAIN_BROKEN': 500,
  'AUDIT.NO_SUCH_HEAD': 404,
  'AUDIT.NO_SUCH_ENTRY': 404,
  'AUDIT.BAD_WITNESS': 400,
  'ACCESS.FORBIDDEN': 403,
  'ACCESS.USER_EXISTS': 409,
  'ACCESS.USER_NOT_FOUND': 404,
  'ACCESS.INVALID_GRANT': 400,
  'ACCESS.TOKEN_NOT_FOUND': 404,
  'AUTH.REQUIRED': 401,
  'AUTH.INVALID_CREDENTIALS': 401,
  'AUTH.SECOND_FACTOR_REQUIRED': 401,
  'AUTH.SECOND_FACTOR_WRONG': 401,
  'AUTH.CSRF': 403,
  'AUTH.PASSWORD_POLICY': 400,
  'AUTH.PASSWORD_CHANGE_REQUIRED': 403,
  'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED': 403,
  'RECONCILIATION.RUNNING': 409,
  'RECONCILIATION.NOT_RUN': 404,
  'RECONCILIATION.NOT_RELEASED': 404,
  'RECONCILIATION.PAIR_NOT_FOUND': 404,
  'RECONCILIATION.STALE_PAIR': 409,
  'RECONCILIATION.CONFLICT': 409,
  'AGREEMENT.NOT_FOUND': 404,
  'AGREEMENT.NAME_TAKEN': 409,
  'AGREEMENT.INVALID': 400,
  'AGREEMENT.RULE_INVALID': 422,
  'AGREEMENT.TEMPLATE_NOT_FOUND': 404,
  'AGREEMENT.VERSION_NOT_FOUND': 404,
  'AGREEMENT.STATUS_TRANSITION': 409,
  'EXCHANGE.NOT_FOUND': 404,
  'EXCHANGE.STAGE_FROZEN': 409,
  'EXCHANGE.NOT_AT_PARITY': 409,
  'EXCHANGE.MOVE_REFUSED': 409,
  'EXCHANGE.BAD_SIGNATURE': 422,
  'EXCHANGE.KEY_REVOKED': 409,
  'EXCHANGE.LIST_CHANGE_IN_STAGE': 409,
  'TALKS.NOT_FOUND': 404,
  'TALKS.NAME_TAKEN': 409,
  'TALKS.STATUS_TRANSITION': 409,
  'TALKS.IMPORT_REJECTED': 422,
  'INQUIRY.NOT_FOUND': 404,
  'INQUIRY.INVALID': 422,
  'INQUIRY.CLOSED': 409,
  'INQUIRY.MATCH_NOT_FOUND': 404,
  'INQUIRY.IMPORT_REJECTED': 422,
  'INQUIRY.FAMILY_CODE_NOT_VALID': 404,
  'INQUIRY.PAIR_DECIDED': 409,
  'INQUIRY.INQUIRER_ERASED': 410,
  'HTTP.RATE_LIMITED': 429,
  'HTTP.BODY_TOO_LARGE': 413,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId: string };
}

/** Answers every error as `{ error: { code, message, details?, requestId } }`; unknown errors say nothing of their internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error);
    if (!known) request.log.error({ err: error }, 'unexpected error');
    const body: ErrorBody = {
      error: {
        code: known?.code ?? 'INTERNAL',
        message:
          known?.message ?? 'an unexpected error occurred; the request id names it in the log',
        requestId: request.id,
      },
    };
    if (known?.details !== undefined) body.error.details = known.details;
    return reply.status(STATUS_OF[body.error.code]).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'VALIDATION.INVALID_INPUT',
        message: `no route ${request.method} ${request.url}`,
        requestId: request.id,
      },
    }),
  );
}

function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(
      'VALIDATION.INVALID_INPUT',
      error.validation
        .map(
          (issue) =>
            `${error.validationContext ?? 'input'}${issue.instancePath || ''}: ${issue.message}`,
        )
        .join('; '),
      {
        issues: error.validation.map((issue) => ({
          path: issue.instancePath,
          message: issue.message,
        })),
      },
    );
  }
  if (error.code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('REGISTRY.FILE_TOO_LARGE', error.message);
  if (error.statusCode === 429)
    return new AppError('HTTP.RATE_LIMITED', 'too many requests: wait a minute and try again');
  if (error.statusCode === 413) return new AppError('HTTP.BODY_TOO_LARGE', error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION.INVALID_INPUT', error.message);
  }
  return null;
}
