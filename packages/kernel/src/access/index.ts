// Who may do what: the roles and the one table of permissions, which the server enforces and the
// web application follows (the session tells it each grant's permissions).
export {
  EMERGENCY_ROLE,
  PARTY_ROLES,
  PERMISSIONS,
  permissionsOfRole,
  ROLES,
  SECOND_FACTOR_ROLES,
  type Grant,
  type GrantableRole,
  type Permission,
  type Role,
  type StoredGrant,
} from './permissions.ts';
export { newUserBody, type NewUserBody } from './account-schemas.ts';
