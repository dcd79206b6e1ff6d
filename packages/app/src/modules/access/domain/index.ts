// The access module's pure surface: who acts, what the permission table lets them do, and the
// checks of both. The dashboard's pure code reads it, and so do the routes and services of the
// modules access itself stands on (audit, mechanisms), which its index.ts would lead back to.
export type { Actor } from './actor.ts';
export { actorOf, authorize } from './authorize.ts';
export { isAllowed, type Role } from './permissions.ts';
