import type { ReceiptBatchDocument } from '@parley/kernel/signed-documents';
import { hashBlock, newPdf, table, tri } from '../../../platform/pdf/pdf-document.ts';
import type { SignedDocumentFile, VerifyReport } from '../domain/signed-document.ts';
import { closeSignedPdf, HASH_LABEL } from './signed-pdf.ts';

const COLUMNS = [
  { title: '#', width: 24 },
  { title: tri('Запис', 'Запись', 'Record'), width: 100 },
  { title: tri('Звідки → куди', 'Откуда → куда', 'From → to'), width: 56 },
  {
    title: tri('Геш акта (SHA-256)', 'Хеш акта (SHA-256)', 'Receipt hash (SHA-256)'),
    // A whole hash on one line, to be read against the receipt's own.
    width: 340,
  },
] as const;

/**
 * A stage's receipt batch printed: every receipt it names by record, direction and hash, the
 * batch's hash with a QR code of it, each signer's digital signature and a block to sign by hand,
 * in Ukrainian, Russian and English, every page numbered with the hash. One signature on it signs
 * each receipt it names.
 */
export async function receiptBatchPdf(
  file: SignedDocumentFile<ReceiptBatchDocument>,
  verification: VerifyReport,
): Promise<Buffer> {
  const batch = file.document;
  const { pdf, bytes } = await newPdf({
    layout: 'portrait',
    title: `Receipt batch, stage ${batch.stage.number}, ${batch.mechanism.name}`,
  });
  pdf
    .font('bold')
    .fontSize(14)
    .text(
      `${tri('Пакет актів передачі', 'Пакет актов передачи', 'Receipt batch')} — ${batch.mechanism.name}, ${tri('етап', 'этап', 'stage')} ${batch.stage.number}`,
    );
  pdf
    .font('regular')
    .fontSize(9)
    .text(`${batch.stage.place}, ${batch.stage.date}`)
    .text(
      `${tri('Актів у пакеті', 'Актов в пакете', 'Receipts in the batch')}: ${batch.receipts.length}. ${tri(
        'Підпис пакета підписує кожен названий у ньому акт.',
        'Подпись пакета подписывает каждый названный в нём акт.',
        'A signature of the batch signs each receipt it names.',
      )}`,
    )
    .moveDown(0.5);
  table(
    pdf,
    COLUMNS,
    batch.receipts.map((r, i) => [String(i + 1), r.recordId, `${r.from} → ${r.to}`, r.hash]),
  );
  pdf.moveDown(1);
  hashBlock(pdf, file.hash, HASH_LABEL);
  closeSignedPdf(pdf, file, verification);
  return bytes;
}
