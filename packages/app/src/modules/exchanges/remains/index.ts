// Remains: batches of bags that a party offers and the other receives and examines, imported
// from a file with the same all-or-nothing checks as lists.
export { createRemainsService, type RemainsService } from './remains.service.ts';
export { remainsRoutes } from './remains.routes.ts';
export * as remainsRecords from './remains.repository.ts';
