// The signed documents' formats, shared by the server that signs them and the web that shows
// and checks them.
export type {
  ManifestPerson,
  ReceiptBatchDocument,
  ReceiptDocument,
  StageManifest,
} from './documents.ts';
