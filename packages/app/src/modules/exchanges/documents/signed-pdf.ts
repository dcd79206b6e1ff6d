import { numberPages, signatureBlocks, tri, type Pdf } from '../../../platform/pdf/pdf-document.ts';
import type { SignedDocumentFile, VerifyReport } from '../domain/signed-document.ts';

// What the exchange's printed documents (a manifest, a receipt, a batch of receipts) share: the
// words of their signature blocks and verdict, and how each of them ends.

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  mediator: tri('Посередник', 'Посредник', 'Mediator'),
  party_officer: tri('Уповноважена особа сторони', 'Уполномоченное лицо стороны', 'Party officer'),
  neutral_verifier: tri('Нейтральний перевіряльник', 'Нейтральный проверяющий', 'Neutral verifier'),
};

export const HASH_LABEL = `SHA-256 — ${tri('геш канонічного документа', 'хеш канонического документа', 'hash of the canonical document')}`;
export const SIGNATURE_LABELS = {
  name: tri('Ім’я', 'Имя', 'Name'),
  signature: tri('Підпис', 'Подпись', 'Signature'),
  date: tri('Дата', 'Дата', 'Date'),
};
export const PAGE_WORD = tri('Сторінка', 'Страница', 'Page');
export const VERIFIED = tri(
  'Файл пройшов перевірку, коли цю копію надруковано.',
  'Файл прошёл проверку, когда эта копия напечатана.',
  'The file verified when this copy was printed.',
);
export const NOT_VERIFIED = tri(
  'Файл НЕ пройшов перевірку:',
  'Файл НЕ прошёл проверку:',
  'The file did NOT verify:',
);
export const SIGNED_WITH_KEY = tri(
  'Підписано цифровим ключем',
  'Подписано цифровым ключом',
  'Signed with key',
);
export const NOT_SIGNED = tri(
  'Цифрового підпису ще немає',
  'Цифровой подписи ещё нет',
  'Not signed digitally yet',
);

type RequiredSigner = SignedDocumentFile<unknown>['requiredSigners'][number];

/**
 * Ends a printed signed document: each signer it requires, with the digital signature the file
 * holds (or, where `signedElsewhere` names one, a signature made elsewhere, as a receipt's in its
 * stage's batch) and a block to sign by hand; whether the file verified when printed, and why
 * not; every page numbered with the hash.
 */
export function closeSignedPdf(
  pdf: Pdf,
  file: SignedDocumentFile<unknown>,
  verification: VerifyReport,
  signedElsewhere: (required: RequiredSigner) => string | null = () => null,
): void {
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
          : (signedElsewhere(required) ?? NOT_SIGNED),
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
}
