export { SYSTEM_ACTOR, cliActor, type Actor } from './domain/actor.ts';
export {
  PERMISSIONS,
  ROLES,
  PARTY_ROLES,
  isAllowed,
  maySeeHealth,
  maySeeDetentionPlace,
  rowScope,
  type Grant,
  type Permission,
  type Role,
} from './domain/permissions.ts';
export { authorize } from './authorize.ts';
export { createAccessService, type AccessService } from './access.service.ts';
export { installAuthentication, actorOf, SESSION_COOKIE, type RouteRule } from './access.http.ts';
export { accessRoutes } from './access.routes.ts';
export { accessAdminRoutes } from './access.admin.routes.ts';
