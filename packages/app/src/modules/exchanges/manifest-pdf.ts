import { createRequire } from 'node:module';
import type { StageManifest } from './domain/manifest.ts';
import type { SignedDocumentFile, VerifyReport } from './domain/signed-document.ts';

// DejaVu Sans covers Cyrillic and Latin with diacritics; PDF's standard fonts do not.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** What the signed document names by id, as people read it: categories and the agreement's version. */
export interface ManifestNames {
  categories: Readonly<Record<string, string>>;
  agreementVersion: number | null;
}

/** A heading in Ukrainian, Russian and English, side by side, as the parties read the document. */
const tri = (uk: string, ru: string, en: string) => `${uk} / ${ru} / ${en}`;

const ROLE_NAMES: Readonly<Record<string, string>> = {
  mediator: tri('Посередник', 'Посредник', 'Mediator'),
  party_officer: tri('Уповноважена особа сторони', 'Уполномоченное лицо стороны', 'Party officer'),
  neutral_verifier: tri('Нейтральний перевіряльник', 'Нейтральный проверяющий', 'Neutral verifier'),
};

const columnsFor = (
  names: ManifestNames,
): ReadonlyArray<{
  title: string;
  width: number;
  value: (p: StageManifest['persons'][number]) => string;
}> => [
  { title: '#', width: 28, value: () => '' },
  {
    title: 'Звідки → куди\nОткуда → куда\nFrom → to',
    width: 62,
    value: (p) => `${p.from} → ${p.to}`,
  },
  { title: 'Запис\nЗапись\nRecord', width: 64, value: (p) => p.recordId },
  { title: 'Прізвище\nФамилия\nSurname', width: 92, value: (p) => p.surname ?? '' },
  {
    title: 'Ім’я, по батькові\nИмя, отчество\nGiven names',
    width: 120,
    value: (p) => [p.givenName, p.patronymic].filter(Boolean).join(' '),
  },
  { title: 'Звання\nЗвание\nRank', width: 70, value: (p) => p.rank ?? '' },
  { title: 'Народж.\nРожд.\nBorn', width: 60, value: (p) => p.dateOfBirth ?? '' },
  { title: 'Особистий №\nЛичный №\nService no.', width: 76, value: (p) => p.serviceNumber ?? '' },
  {
    title: 'Категорія\nКатегория\nCategory',
    width: 150,
    value: (p) => names.categories[p.category] ?? p.category,
  },
];

/**
 * A manifest printed for the border: the persons with the Art. 17 minimum, the counts, the hash
 * and each signature with its key id, and whether the file verified when it was printed; headings
 * in Ukrainian, Russian and English, a block for each signer to sign by hand, and every page
 * numbered with the hash's start, so that a loose page is known. The PDF is a copy for people;
 * the signed JSON file is what verifies.
 */
export async function manifestPdf(
  file: SignedDocumentFile<StageManifest>,
  verification: VerifyReport,
  names: ManifestNames = { categories: {}, agreementVersion: null },
): Promise<Buffer> {
  // Loaded for a PDF only, not with every command and every start of the server.
  const { default: PDFDocument } = await import('pdfkit');
  const manifest = file.document;
  const COLUMNS = columnsFor(names);
  const categoryName = (id: string) => names.categories[id] ?? id;
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    // Kept until the end, to number every page once their count is known.
    bufferPages: true,
    info: { Title: `Manifest, stage ${manifest.stage.number}` },
  });
  pdf.registerFont('regular', REGULAR);
  pdf.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf
    .font('bold')
    .fontSize(15)
    .text(
      `${tri('Маніфест', 'Манифест', 'Manifest')} — ${manifest.mechanism.name}, ${tri('етап', 'этап', 'stage')} ${manifest.stage.number}`,
    );
  pdf
    .font('regular')
    .fontSize(9)
    .text(
      names.agreementVersion === null
        ? `${manifest.agreement.name} (version ${manifest.agreement.versionId})`
        : `${manifest.agreement.name}, version ${names.agreementVersion}`,
    )
    .text(`${manifest.stage.place}, ${manifest.stage.date}`)
    .moveDown(0.3);
  hashBlock(pdf, file.hash);
  const counts = Object.entries(manifest.counts)
    .map(
      ([direction, byCategory]) =>
        `${direction.replace('->', ' → ')}: ${Object.entries(byCategory)
          .map(([c, n]) => `${categoryName(c)} ${n}`)
          .join(', ')}`,
    )
    .join('; ');
  pdf
    .font('regular')
    .fontSize(9)
    .text(`${tri('Осіб', 'Лиц', 'Persons')}: ${manifest.persons.length}. ${counts}`)
    .moveDown(0.5);

  const left = pdf.page.margins.left;
  const row = (cells: string[], font: 'regular' | 'bold') => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 24) pdf.addPage();
    const y = pdf.y;
    let x = left;
    let height = 0;
    pdf.font(font).fontSize(8);
    cells.forEach((cell, i) => {
      const width = COLUMNS[i]!.width;
      pdf.text(cell, x, y, { width: width - 4 });
      height = Math.max(height, pdf.y - y);
      x += width;
    });
    pdf.x = left;
    pdf.y = y + height + 3;
  };
  row(
    COLUMNS.map((c) => c.title),
    'bold',
  );
  manifest.persons.forEach((person, index) =>
    row(
      COLUMNS.map((c, i) => (i === 0 ? String(index + 1) : c.value(person))),
      'regular',
    ),
  );

  pdf
    .moveDown(1)
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
          ? `${tri('Підписано цифровим ключем', 'Подписано цифровым ключом', 'Signed with key')} ${signature.keyId}: ${signature.signer}, ${signature.signedAt}`
          : tri(
              'Цифрового підпису ще немає',
              'Цифровой подписи ещё нет',
              'Not signed digitally yet',
            ),
      };
    }),
  );
  pdf
    .moveDown(0.5)
    .font('bold')
    .text(
      verification.ok
        ? tri(
            'Файл пройшов перевірку, коли цю копію надруковано.',
            'Файл прошёл проверку, когда эта копия напечатана.',
            'The file verified when this copy was printed.',
          )
        : tri('Файл НЕ пройшов перевірку:', 'Файл НЕ прошёл проверку:', 'The file did NOT verify:'),
    );
  pdf.font('regular');
  for (const problem of verification.problems) pdf.text(`• ${problem}`);
  numberPages(pdf, file.hash);
  pdf.end();
  return done;
}

type Pdf = PDFKit.PDFDocument;

/** The hash in a box of its own: what each signer's key signed, and what a reader compares. */
function hashBlock(pdf: Pdf, hash: string) {
  const x = pdf.page.margins.left;
  const y = pdf.y;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  pdf
    .font('bold')
    .fontSize(8)
    .text(
      `SHA-256 — ${tri('геш канонічного документа', 'хеш канонического документа', 'hash of the canonical document')}`,
      x + 6,
      y + 5,
    );
  pdf
    .font('regular')
    .fontSize(10)
    .text(hash, x + 6, pdf.y + 2);
  const bottom = pdf.y + 5;
  pdf.rect(x, y, width, bottom - y).stroke();
  pdf.x = x;
  pdf.y = bottom + 8;
}

/** A block for each required signer: the digital signature, and lines to sign by hand. */
function signatureBlocks(pdf: Pdf, signers: ReadonlyArray<{ who: string; digital: string }>) {
  const left = pdf.page.margins.left;
  const usable = pdf.page.width - left - pdf.page.margins.right;
  const gap = 12;
  const width = (usable - gap) / 2;
  const height = 92;
  signers.forEach((signer, i) => {
    const column = i % 2;
    if (column === 0 && pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const top = column === 0 ? pdf.y + 4 : pdf.y - height;
    const x = left + column * (width + gap);
    pdf.rect(x, top, width, height).stroke();
    pdf
      .font('bold')
      .fontSize(8)
      .text(signer.who, x + 6, top + 5, { width: width - 12 });
    pdf
      .font('regular')
      .fontSize(7)
      .text(signer.digital, x + 6, pdf.y + 2, { width: width - 12 });
    const line = (label: string, y: number) => {
      pdf.fontSize(7).text(label, x + 6, y, { width: 150 });
      pdf
        .moveTo(x + 158, y + 8)
        .lineTo(x + width - 8, y + 8)
        .stroke();
    };
    line(tri('Ім’я', 'Имя', 'Name'), top + 44);
    line(tri('Підпис', 'Подпись', 'Signature'), top + 60);
    line(tri('Дата', 'Дата', 'Date'), top + 76);
    pdf.x = left;
    pdf.y = top + height + (column === 1 || i === signers.length - 1 ? 4 : 0);
  });
  pdf.moveDown(0.5);
}

/** "Page 2 of 5" on every page, with the hash's start: a page that strays is known. */
function numberPages(pdf: Pdf, hash: string) {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    // In the bottom margin: lifted for the footer, or pdfkit would start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(7)
      .text(
        `${tri('Сторінка', 'Страница', 'Page')} ${i + 1} / ${count} · SHA-256 ${hash.slice(0, 16)}…`,
        pdf.page.margins.left,
        pdf.page.height - bottom + 12,
        {
          width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
          align: 'center',
          lineBreak: false,
        },
      );
    pdf.page.margins.bottom = bottom;
  }
}
