export {
  AGREEMENT_STATUSES,
  type Agreement,
  type AgreementDefinition,
  type AgreementId,
  type AgreementStatus,
  type AgreementVersion,
  type AgreementVersionId,
} from './domain/agreement.ts';
export { AGREEMENT_TEMPLATES, type AgreementTemplate } from './domain/templates.ts';
export { compileAgreement, type Eligibility, type Outcome } from './domain/eligibility.ts';
export {
  createAgreementsService,
  type AgreementsService,
  type NewAgreement,
} from './agreements.service.ts';
export {
  createEligibilityService,
  type EligibilityService,
  type ListCounts,
  type PreviewResult,
} from './eligibility.service.ts';
export { agreementRoutes } from './agreements.routes.ts';
export { definitionSchema } from './agreements.schemas.ts';
