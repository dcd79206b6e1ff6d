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

const columnsFor = (
  names: ManifestNames,
): ReadonlyArray<{
  title: string;
  width: number;
  value: (p: StageManifest['persons'][number]) => string;
}> => [
  { title: '#', width: 28, value: () => '' },
  { title: 'From → to', width: 52, value: (p) => `${p.from} → ${p.to}` },
  { title: 'Record', width: 70, value: (p) => p.recordId },
  { title: 'Surname', width: 92, value: (p) => p.surname ?? '' },
  {
    title: 'Given names',
    width: 120,
    value: (p) => [p.givenName, p.patronymic].filter(Boolean).join(' '),
  },
  { title: 'Rank', width: 70, value: (p) => p.rank ?? '' },
  { title: 'Born', width: 64, value: (p) => p.dateOfBirth ?? '' },
  { title: 'Service no.', width: 76, value: (p) => p.serviceNumber ?? '' },
  { title: 'Category', width: 150, value: (p) => names.categories[p.category] ?? p.category },
];

/**
 * A manifest printed for the border: the persons with the Art. 17 minimum, the counts, the hash
 * and each signature with its key id, and whether the file verified when it was printed. The PDF
 * is a copy for people; the signed JSON file is what verifies.
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
    .text(`Manifest — ${manifest.mechanism.name}, stage ${manifest.stage.number}`);
  pdf
    .font('regular')
    .fontSize(9)
    .text(
      names.agreementVersion === null
        ? `${manifest.agreement.name} (version ${manifest.agreement.versionId})`
        : `${manifest.agreement.name}, version ${names.agreementVersion}`,
    )
    .text(`${manifest.stage.place}, ${manifest.stage.date}`)
    .text(`SHA-256 of the canonical document: ${file.hash}`)
    .moveDown(0.5);
  const counts = Object.entries(manifest.counts)
    .map(
      ([direction, byCategory]) =>
        `${direction.replace('->', ' → ')}: ${Object.entries(byCategory)
          .map(([c, n]) => `${categoryName(c)} ${n}`)
          .join(', ')}`,
    )
    .join('; ');
  pdf.text(`Persons: ${manifest.persons.length}. ${counts}`).moveDown(0.5);

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

  pdf.moveDown(1).font('bold').fontSize(11).text('Signatures');
  pdf.font('regular').fontSize(9);
  for (const required of file.requiredSigners) {
    const signature = file.signatures.find(
      (s) => s.role === required.role && s.party === required.party,
    );
    const who = `${required.role.replace('_', ' ')}${required.party ? ` for ${required.party}` : ''}`;
    pdf.text(
      signature
        ? `${who}: ${signature.signer}, key ${signature.keyId}, ${signature.signedAt}`
        : `${who}: not signed`,
    );
  }
  pdf
    .moveDown(0.5)
    .font('bold')
    .text(
      verification.ok
        ? 'The file verified when this copy was printed.'
        : 'The file did NOT verify:',
    );
  pdf.font('regular');
  for (const problem of verification.problems) pdf.text(`• ${problem}`);
  pdf.end();
  return done;
}
