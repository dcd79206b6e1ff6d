// Handover receipts: issued per person or per stage, signed one by one or as a stage's batch, and
// the receipts' list of a stage that the receiving side and the verifier work through.
export { createReceiptBatches } from './receipt-batch.service.ts';
export { createReceiptIssue } from './receipt-issue.service.ts';
export { receiptIssueRoutes } from './receipt-issue.routes.ts';
export { createReceiptsService, type ReceiptsService } from './receipts.service.ts';
export { receiptRoutes } from './receipts.routes.ts';
