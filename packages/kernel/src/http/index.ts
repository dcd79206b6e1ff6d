// The API's shared route parameters (zod), which every module's schemas extend.
export { mechanismParams } from './route-params.ts';
export { ERROR_CODES, type ErrorCode } from './error-codes.ts';
