/** What a receipt batch names: each receipt of a stage by its record, direction and hash. */
export interface ReceiptBatchDocument {
  format: 'parley-receipt-batch/1';
  mechanism: { id: string; name: string };
  stage: { id: string; number: number; place: string; date: string };
  receipts: Array<{ recordId: string; from: string; to: string; hash: string }>;
}

/** The receipt hashes a stored batch (its canonical JSON) names. */
export function hashesIn(document: string): string[] {
  return (JSON.parse(document) as ReceiptBatchDocument).receipts.map((r) => r.hash);
}
