import { describe, expect, it } from 'vitest';
import type { ReceiptBatchDocument } from '@parley/kernel/signed-documents';
import { qrModules } from '../../../platform/pdf/qr.ts';
import { pdfQrCodes, pdfTexts } from '../../../testing/pdf-text.ts';
import { manifestFileName } from '../domain/manifest-file-name.ts';
import { documentHash, type SignedDocumentFile } from '../domain/signed-document.ts';
import { receiptBatchPdf } from './receipt-batch-pdf.ts';

const batch: ReceiptBatchDocument = {
  format: 'parley-receipt-batch/1',
  mechanism: { id: 'm-1', name: 'Istanbul talks' },
  stage: { id: 's-1', number: 3, place: 'Belarus–Ukraine border', date: '2025-06-09' },
  receipts: Array.from({ length: 90 }, (_, i) => ({
    recordId: `RU-H-${String(i + 1).padStart(4, '0')}`,
    from: 'RU',
    to: 'UA',
    hash: documentHash({ receipt: i }),
  })),
};
const file: SignedDocumentFile<ReceiptBatchDocument> = {
  kind: 'parley-receipt-batch/1',
  document: batch,
  hash: documentHash(batch),
  requiredSigners: [
    { role: 'party_officer', party: 'UA' },
    { role: 'neutral_verifier', party: null },
  ],
  signatures: [
    {
      signer: 'user:verifier',
      role: 'neutral_verifier',
      party: null,
      keyId: '0123456789abcdef',
      publicKey: '',
      signedAt: '2025-06-09T12:00:00.000Z',
      signature: '',
    },
  ],
};
const report = { ok: true, problems: [], kind: null, hash: null, signers: [], logHeads: [] };

describe('a receipt batch printed as PDF', () => {
  it('names every receipt by record and hash, numbers its pages with the hash, and has a block per signer', async () => {
    const text = pdfTexts(await receiptBatchPdf(file, report)).join('\n');
    expect(text).toContain('Пакет актів передачі / Пакет актов передачи / Receipt batch');
    expect(text).toContain('RU-H-0090');
    expect(text).toContain(batch.receipts[89]!.hash);
    expect(text).toContain(file.hash);
    expect(text).toContain('0123456789abcdef: user:verifier');
    expect(text).toContain('Цифрового підпису ще немає');
    expect(text).toContain('Підпис / Подпись / Signature');
    const pages = [
      ...text.matchAll(/Сторінка \/ Страница \/ Page (\d+) \/ (\d+) · SHA-256 ([0-9a-f]{16})…/g),
    ];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => Number(p[1]))).toEqual(pages.map((_, i) => i + 1));
    expect(pages.every((p) => p[3] === file.hash.slice(0, 16))).toBe(true);
  });

  it('carries a QR code of its hash, and is named by mechanism, stage and date', async () => {
    const codes = pdfQrCodes(await receiptBatchPdf(file, report));
    expect(codes).toHaveLength(1);
    expect(codes[0]!.modules).toEqual(qrModules(file.hash));
    expect(manifestFileName(batch, { prefix: 'receipts' }).name).toBe(
      'receipts-istanbul-talks-stage-3-2025-06-09.pdf',
    );
  });
});
