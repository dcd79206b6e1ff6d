import type { ListFileLimits } from '../../platform/config.ts';
import type { XlsxPackage } from './xlsx-package.ts';
import { parseXmlPart } from './xlsx-xml.ts';

/** What the list's sheet needs from the rest of the workbook. */
export interface Workbook {
  /** The first sheet of the workbook: the list. */
  sheet: string;
  sharedStrings: string | null;
  styles: string | null;
  /** Serial dates count from 1904 (old Mac Excel) rather than 1900. */
  isDate1904: boolean;
}

/** A shared string longer than the cell limit: kept as this mark, never as its text. */
export const TOO_LONG = null;
export type SharedString = string | typeof TOO_LONG;

/** How long a raw text run of XML may grow before it is cut: any cell within the limit fits, entities and all. */
export const rawRunLimit = (limits: ListFileLimits) => limits.maxCellChars * 10 + 64;

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
// Parts the workbook itself names; small, whatever the list's size.
const SMALL_PART_RUN = 64 * 1024;

async function drain(parse: AsyncIterable<void>): Promise<void> {
  for await (const _ of parse);
}

/** `worksheets/sheet1.xml` (relative to xl/) or `/xl/worksheets/sheet1.xml` as a part name. */
function partName(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** Finds the first sheet, the shared strings, the styles and the date system from the workbook and its relationships. */
export async function readWorkbook(pkg: XlsxPackage): Promise<Workbook> {
  const targets = new Map<string, string>();
  const byType = new Map<string, string>();
  if (pkg.has(WORKBOOK_RELS)) {
    await drain(
      parseXmlPart(pkg.open(WORKBOOK_RELS), WORKBOOK_RELS, SMALL_PART_RUN, {
        open(name, attributes) {
          if (name !== 'Relationship' || !attributes.Id || !attributes.Target) return;
          targets.set(attributes.Id, partName(attributes.Target));
          const type = attributes.Type?.split('/').at(-1);
          if (type) byType.set(type, partName(attributes.Target));
        },
      }),
    );
  }
  let firstSheet: string | null = null;
  let isDate1904 = false;
  if (pkg.has(WORKBOOK)) {
    await drain(
      parseXmlPart(pkg.open(WORKBOOK), WORKBOOK, SMALL_PART_RUN, {
        open(name, attributes) {
          if (name === 'workbookPr') {
            isDate1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
          }
          if (name === 'sheet' && firstSheet === null && attributes.id) {
            firstSheet = targets.get(attributes.id) ?? null;
          }
        },
      }),
    );
  }
  const sheet =
    firstSheet ?? (pkg.has('xl/worksheets/sheet1.xml') ? 'xl/worksheets/sheet1.xml' : null);
  if (!sheet || !pkg.has(sheet)) throw new Error('it has no worksheet');
  const existing = (part: string | undefined, fallback: string) =>
    [part, fallback].find((name) => name !== undefined && pkg.has(name)) ?? null;
  return {
    sheet,
    sharedStrings: existing(byType.get('sharedStrings'), 'xl/sharedStrings.xml'),
    styles: existing(byType.get('styles'), 'xl/styles.xml'),
    isDate1904,
  };
}

// Built-in number formats that show a date or a time (ECMA-376 part 1, 18.8.30, and the East Asian ones).
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a number format code shows a date: y, m, d, h or s outside quoted text and [colours]. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The cell styles (by index) whose number format shows a date, so that their serial numbers are read as dates. */
export async function readDateStyles(pkg: XlsxPackage, part: string): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let isInCellXfs = false;
  await drain(
    parseXmlPart(pkg.open(part), part, SMALL_PART_RUN, {
      open(name, attributes) {
        if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        if (name === 'cellXfs') isInCellXfs = true;
        if (name === 'xf' && isInCellXfs) formats.push(Number(attributes.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') isInCellXfs = false;
      },
    }),
  );
  const dates = new Set<number>();
  formats.forEach((id, index) => {
    const code = custom.get(id);
    if (code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(code)) dates.add(index);
  });
  return dates;
}

/**
 * The shared strings, in order. Text in phonetic runs (`rPh`) is not part of the string. A string
 * longer than the cell limit is kept as TOO_LONG, so that the cell using it is refused by its line
 * and column, and its text is never held.
 */
export async function readSharedStrings(
  pkg: XlsxPackage,
  part: string,
  limits: ListFileLimits,
): Promise<SharedString[]> {
  const strings: SharedString[] = [];
  let text = '';
  let isTooLong = false;
  let isInText = false;
  let phoneticDepth = 0;
  const add = (piece: string) => {
    if (isTooLong) return;
    text += piece;
    if (text.length > limits.maxCellChars) {
      isTooLong = true;
      text = '';
    }
  };
  await drain(
    parseXmlPart(pkg.open(part), part, rawRunLimit(limits), {
      open(name) {
        if (name === 'si') {
          text = '';
          isTooLong = false;
        } else if (name === 'rPh') phoneticDepth++;
        else if (name === 't' && phoneticDepth === 0) isInText = true;
      },
      close(name) {
        if (name === 'si') strings.push(isTooLong ? TOO_LONG : text);
        else if (name === 'rPh') phoneticDepth--;
        else if (name === 't') isInText = false;
      },
      text(piece) {
        if (isInText) add(piece);
      },
      overlong() {
        isTooLong = true;
      },
    }),
  );
  return strings;
}
