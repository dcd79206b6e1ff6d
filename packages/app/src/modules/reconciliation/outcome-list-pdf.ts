import { newPdf, numberPages, table } from '../../platform/pdf/pdf-document.ts';
import {
  documentTexts,
  fill,
  listName,
  outcomeTable,
  type FileLanguage,
  type OutcomeList,
  type OutcomeListLine,
} from './domain/outcome-lists.ts';

/** Which release a printed outcome list is: to whom, from which run, when. */
export interface ReleaseHeading {
  party: string;
  runId: string;
  releasedAt: string;
}

// The widths of the table's columns (all but "list": each list has a section of its own).
const WIDTHS = [70, 100, 170, 150, 80, 90, 110];

/**
 * The outcome lists released to a party, printed in a language: a section a list, with its
 * count and every person, the pages numbered.
 */
export async function outcomeListPdf(
  lines: readonly OutcomeListLine[],
  lists: readonly OutcomeList[],
  language: FileLanguage,
  release: ReleaseHeading,
): Promise<Buffer> {
  const words = documentTexts(language);
  const title = fill(words.title, { party: release.party });
  const { pdf, bytes } = await newPdf({ layout: 'landscape', title });
  pdf.font('bold').fontSize(15).text(title);
  pdf
    .font('regular')
    .fontSize(9)
    .text(
      fill(words.released, {
        date: release.releasedAt.slice(0, 10),
        run: release.runId.slice(0, 8),
      }),
    )
    .moveDown(0.5);
  for (const list of lists) {
    const [heading, ...rows] = outcomeTable(
      lines.filter((l) => l.list === list),
      language,
    );
    pdf.moveDown(0.5).font('bold').fontSize(12).text(listName(list, language));
    pdf
      .font('regular')
      .fontSize(9)
      .text(fill(words.persons, { count: rows.length }))
      .moveDown(0.3);
    if (rows.length === 0) {
      pdf.text(words.none);
      continue;
    }
    // The first column names the list, which the section's heading says already.
    table(
      pdf,
      heading!.slice(1).map((title, i) => ({ title, width: WIDTHS[i]! })),
      rows.map((row) => row.slice(1)),
    );
  }
  numberPages(pdf, words.page);
  pdf.end();
  return bytes;
}
