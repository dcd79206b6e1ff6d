export { createTalksService, type TalksService } from './talks.service.ts';
export {
  createCeasefiresService,
  type CeasefiresService,
  type Reporter,
} from './ceasefires.service.ts';
export { talksRoutes } from './talks.routes.ts';
export { documentRoutes } from './documents.routes.ts';
export { createDocumentsService, type DocumentsService } from './documents.service.ts';
export { ceasefireRoutes } from './ceasefires.routes.ts';
export { loadTalksDemo, type TalksDemoResult } from './talks-demo.ts';
export { VIOLATION_COLUMNS } from './domain/violation-row.ts';
export { CEASEFIRE_SCOPES, CEASEFIRE_STATUSES, CEASEFIRE_KINDS } from './domain/ceasefire.ts';
export { STANCES, POINT_KINDS, DOCUMENT_KINDS } from './domain/points.ts';
export { VERIFICATIONS } from './domain/violation.ts';
export {
  roundBody,
  documentBody,
  ceasefireBody,
  roundCorrectionBody,
  assessmentCorrectionBody,
  translationBody,
} from './talks.schemas.ts';
export {
  TEXT_LANGUAGES,
  inLanguage,
  type TextLanguage,
  type TranslatedText,
} from './domain/translation.ts';
