export {
  createInquiryDataProtection,
  type InquiryDataProtection,
} from './data-protection.service.ts';
export { dataProtectionRoutes } from './data-protection.routes.ts';
export { expiringAnsweredInquiries, expiringClosedInquiries } from './inquiries.retention.ts';
