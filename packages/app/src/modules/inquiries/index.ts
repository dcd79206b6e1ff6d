export { createInquiriesService, type InquiriesService } from './inquiries.service.ts';
export { createInquiryMatching, type InquiryMatching } from './inquiry-matching.ts';
export { inquiryRoutes } from './inquiries.routes.ts';
export { inquiryBody, CHANNELS, RELATIONS, LANGUAGES } from './inquiries.schemas.ts';
export { INQUIRY_STATUSES, CLOSE_REASONS, type InquiryStatus } from './domain/inquiry-status.ts';
export { readInquiryFile } from './inquiry-file.ts';
export { INQUIRY_COLUMNS } from './domain/inquiry-row.ts';
export {
  createFamilyStatusService,
  familyStatusRoutes,
  FAMILY_CODE_DAYS,
  LETTER_KINDS,
  type FamilyStatusService,
} from './family-status/index.ts';
export {
  createSamePersonReview,
  samePersonRoutes,
  type SamePersonReview,
} from './same-person/index.ts';
export {
  createInquiryDataProtection,
  dataProtectionRoutes,
  expiringAnsweredInquiries,
  expiringClosedInquiries,
  type InquiryDataProtection,
} from './data-protection/index.ts';
export { createInquiryFigures, figuresRoutes, type InquiryFigures } from './figures/index.ts';
