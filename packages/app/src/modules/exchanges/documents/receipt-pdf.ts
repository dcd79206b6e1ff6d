import type { ReceiptDocument } from '@parley/kernel/signed-documents';
import { hashBlock, newPdf, tri } from '../../../platform/pdf/pdf-document.ts';
import type { SignedDocumentFile, VerifyReport } from '../domain/signed-document.ts';
import { closeSignedPdf, HASH_LABEL } from './signed-pdf.ts';

/** A signature given on a batch of the stage's receipts that names this receipt. */
export interface BatchSignature {
  role: string;
  party: string | null;
  batchHash: string;
}

/**
 * A handover receipt printed: who was handed over, by whom to whom, when and where, the hash with
 * a QR code of it, each signer's digital signature (on the receipt or on the stage's batch) and a
 * block to sign by hand, in Ukrainian, Russian and English, every page numbered with the hash.
 */
export async function receiptPdf(
  file: SignedDocumentFile<ReceiptDocument>,
  verification: VerifyReport,
  batchSignatures: readonly BatchSignature[] = [],
): Promise<Buffer> {
  const receipt = file.document;
  const { pdf, bytes } = await newPdf({
    layout: 'portrait',
    title: `Handover receipt, stage ${receipt.stage.number}, ${receipt.person.recordId}`,
  });
  pdf
    .font('bold')
    .fontSize(14)
    .text(
      `${tri('Акт передачі', 'Акт передачи', 'Handover receipt')} — ${receipt.mechanism.name}, ${tri('етап', 'этап', 'stage')} ${receipt.stage.number}`,
    );
  pdf
    .font('regular')
    .fontSize(9)
    .text(`${receipt.stage.place}, ${receipt.stage.date}`)
    .moveDown(0.5);
  const person = receipt.person;
  const rows: Array<[string, string]> = [
    [tri('Запис', 'Запись', 'Record'), person.recordId],
    [tri('Прізвище', 'Фамилия', 'Surname'), person.surname ?? '—'],
    [tri('Ім’я', 'Имя', 'Given name'), person.givenName ?? '—'],
    [tri('Дата народження', 'Дата рождения', 'Date of birth'), person.dateOfBirth ?? '—'],
    [tri('Звідки → куди', 'Откуда → куда', 'From → to'), `${person.from} → ${person.to}`],
    [tri('Передано', 'Передан', 'Handed over'), receipt.handedOverAt],
    [tri('Місце передачі', 'Место передачи', 'Place of handover'), receipt.handoverPlace],
    [
      tri('Маніфест (SHA-256)', 'Манифест (SHA-256)', 'Manifest (SHA-256)'),
      receipt.manifest ?? '—',
    ],
  ];
  const left = pdf.page.margins.left;
  for (const [label, value] of rows) {
    const y = pdf.y;
    pdf.font('bold').fontSize(8).text(label, left, y, { width: 250 });
    const labelBottom = pdf.y;
    pdf
      .font('regular')
      .fontSize(10)
      .text(value, left + 260, y, { width: 260 });
    pdf.x = left;
    pdf.y = Math.max(labelBottom, pdf.y) + 4;
  }
  pdf.moveDown(0.5);
  hashBlock(pdf, file.hash, HASH_LABEL);
  closeSignedPdf(pdf, file, verification, (required) => {
    const inBatch = batchSignatures.find(
      (s) => s.role === required.role && s.party === required.party,
    );
    return inBatch
      ? `${tri('Підписано в пакеті актів етапу', 'Подписано в пакете актов этапа', "Signed in the stage's receipt batch")} ${inBatch.batchHash.slice(0, 16)}…`
      : null;
  });
  return bytes;
}
