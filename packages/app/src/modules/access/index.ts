export { SYSTEM_ACTOR, cliActor, type Actor } from './domain/actor.ts';
export {
  PERMISSIONS,
  ROLES,
  PARTY_ROLES,
  isAllowed,
  mayHoldPermission,
  maySeeHealth,
  maySeeDetentionPlace,
  rowScope,
  type Grant,
  type Permission,
  type Role,
} from './domain/permissions.ts';
export { actorOf, authorize } from './domain/authorize.ts';
export { createAccessService, type AccessService } from './access.service.ts';
export { installAuthentication, SESSION_COOKIE, type RouteRule } from './access.http.ts';
export { accessRoutes } from './access.routes.ts';
export { accessAdminRoutes } from './access.admin.routes.ts';
export { expiringSessions } from './sessions/index.ts';
