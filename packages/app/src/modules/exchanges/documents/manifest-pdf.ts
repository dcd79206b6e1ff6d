import { hashBlock, newPdf, table, tri } from '../../../platform/pdf/pdf-document.ts';
import type { StageManifest } from '../domain/manifest.ts';
import type { SignedDocumentFile, VerifyReport } from '../domain/signed-document.ts';
import { closeSignedPdf, HASH_LABEL } from './signed-pdf.ts';

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
 * with a QR code of it, and each signature with its key id, and whether the file verified when it
 * was printed; headings in Ukrainian, Russian and English, a block for each signer to sign by
 * hand, and every page numbered with the hash's start, so that a loose page is known. The PDF is
 * a copy for people; the signed JSON file is what verifies.
 */
export async function manifestPdf(
  file: SignedDocumentFile<StageManifest>,
  verification: VerifyReport,
  names: ManifestNames = { categories: {}, agreementVersion: null },
): Promise<Buffer> {
  const manifest = file.document;
  const COLUMNS = columnsFor(names);
  const categoryName = (id: string) => names.categories[id] ?? id;
  const { pdf, bytes } = await newPdf({
    layout: 'landscape',
    title: `Manifest, stage ${manifest.stage.number}`,
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
  hashBlock(pdf, file.hash, HASH_LABEL);
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

  table(
    pdf,
    COLUMNS,
    manifest.persons.map((person, index) =>
      COLUMNS.map((c, i) => (i === 0 ? String(index + 1) : c.value(person))),
    ),
  );

  pdf.moveDown(1);
  closeSignedPdf(pdf, file, verification);
  return bytes;
}
