import type { ReceiptBatchDocument } from '@parley/kernel/signed-documents';
import {
  hashBlock,
  newPdf,
  numberPages,
  signatureBlocks,
  table,
  tri,
} from '../../../platform/pdf/pdf-document.ts';
import type { SignedDocumentFile, VerifyReport } from '../domain/signed-document.ts';
import {
  HASH_LABEL,
  NOT_SIGNED,
  NOT_VERIFIED,
  PAGE_WORD,
  ROLE_NAMES,
  SIGNATURE_LABELS,
  SIGNED_WITH_KEY,
  VERIFIED,
} from './manifest-pdf.ts';

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
  pdf
    .font('bold')
    .fontSize(11)
    .text(tri('Підписи', 'Подписи', 'Signatures'));
  signatureBlocks(
    pdf,
    file.requiredSigners.map((required) => {
      const signature = file.signatures.find(
        (s) => s.role === required.role && s.party === required.party,
      );
      return {
        who: `${ROLE_NAMES[required.role] ?? required.role}${required.party ? ` — ${required.party}` : ''}`,
        digital: signature
          ? `${SIGNED_WITH_KEY} ${signature.keyId}: ${signature.signer}, ${signature.signedAt}`
          : NOT_SIGNED,
      };
    }),
    SIGNATURE_LABELS,
  );
  pdf
    .moveDown(0.5)
    .font('bold')
    .fontSize(8)
    .text(verification.ok ? VERIFIED : NOT_VERIFIED);
  pdf.font('regular');
  for (const problem of verification.problems) pdf.text(`• ${problem}`);
  numberPages(pdf, PAGE_WORD, file.hash);
  pdf.end();
  return bytes;
}
