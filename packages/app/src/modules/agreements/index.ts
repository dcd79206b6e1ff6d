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
