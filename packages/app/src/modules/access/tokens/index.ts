// API tokens: made by a person for one of their roles (by an admin for a service account),
// listed, revoked, and remembered briefly once checked.
export { createTokensService, type TokensService } from './tokens.service.ts';
export { createTokenMemory, type TokenMemory } from './token-memory.ts';
export * as tokenRecords from './tokens.repository.ts';
