import type { ReceiptBatchDocument } from '@parley/kernel/signed-documents';

export type { ReceiptBatchDocument };

/** The receipt hashes a stored batch (its canonical JSON) names. */
export function hashesIn(document: string): string[] {
  return (JSON.parse(document) as ReceiptBatchDocument).receipts.map((r) => r.hash);
}
