export { createMechanismsService, type MechanismsService } from './mechanisms.service.ts';
export type { Mechanism, MechanismId, NewMechanism, PartyCode } from './domain/mechanism.ts';
export { mechanismRoutes } from './mechanisms.routes.ts';
