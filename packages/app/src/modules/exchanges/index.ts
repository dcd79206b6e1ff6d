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
export { createListChangeGuard, stageDetail, stageSummary } from './stages/index.ts';
export { exchangeRoutes } from './exchanges.routes.ts';
export { reportFile } from './reports/index.ts';
export type { ReportRow } from './domain/report.ts';
export { createRemainsService, remainsRoutes, type RemainsService } from './remains/index.ts';
export { createReceiptsService, receiptRoutes, type ReceiptsService } from './receipts/index.ts';
export {
  createSigningKeysService,
  signingKeyRoutes,
  type SigningKeysService,
} from './signing-keys/index.ts';
export * as exchangeReads from './exchange-reads.ts';
