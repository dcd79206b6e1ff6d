export {
  createFamilyStatusService,
  FAMILY_CODE_DAYS,
  type FamilyStatusService,
} from './family-status.service.ts';
export { familyStatusRoutes } from './family-status.routes.ts';
