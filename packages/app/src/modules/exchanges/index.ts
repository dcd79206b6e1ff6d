export {
  documentHash,
  signDocument,
  signingMessage,
  verifySignedDocument,
  type DocumentSignature,
  type SignedDocumentFile,
  type VerifyReport,
} from './domain/signed-document.ts';
export {
  mayMove,
  stateSeenByParty,
  EXCEPTIONS,
  MAIN_PATH,
  type PersonState,
  type PathActor,
} from './domain/person-path.ts';
export { createExchangesService, type ExchangesService } from './exchanges.service.ts';
export { createListChangeGuard } from './stage-list-guard.service.ts';
export { exchangeRoutes } from './exchanges.routes.ts';
export { reportFile } from './report-file.ts';
export type { ReportRow } from './domain/report.ts';
export { createRemainsService, remainsRoutes, type RemainsService } from './remains/index.ts';
export { createReceiptsService, type ReceiptsService } from './receipts.service.ts';
export { receiptRoutes } from './receipts.routes.ts';
export {
  createSigningKeysService,
  signingKeyRoutes,
  type SigningKeysService,
} from './signing-keys/index.ts';
export * as exchangeReads from './exchange-reads.ts';
