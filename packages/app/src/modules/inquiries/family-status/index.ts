export {
  createFamilyStatusService,
  FAMILY_CODE_DAYS,
  type FamilyStatusService,
} from './family-status.service.ts';
export { familyStatusRoutes } from './family-status.routes.ts';
export { LETTER_KINDS, type LetterKind } from './domain/family-letter.ts';
