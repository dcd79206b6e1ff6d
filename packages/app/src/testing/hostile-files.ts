import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * Hostile list files, built in memory for the tests and the hostile-upload benchmark: a few
 * hundred kilobytes that would unpack to hundreds of megabytes, and CSV lines with huge cells.
 */

const CHUNK = 1024 * 1024;
const encoder = new TextEncoder();

/** Where an XLSX keeps its huge cell: in the shared strings (as Excel does) or inline in the sheet. */
export type BombPlace = 'shared' | 'inline';

export interface XlsxBombOptions {
  /** How many characters the huge cell has. */
  cellChars: number;
  place?: BombPlace;
  /** Put the sheet before the shared strings in the zip, as Excel writes it. */
  isSheetFirst?: boolean;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="List" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_OPEN = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_CLOSE = `</sheetData></worksheet>`;
const SST_OPEN = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">`;

/** An entry of a zip: its name and its content, handed over in pieces. */
interface Entry {
  name: string;
  pieces: () => Iterable<Uint8Array>;
}

/** A zip of the entries, deflated; a piece at a time, so that a huge entry is never whole in memory. */
export function zipOf(entries: readonly Entry[]): Buffer {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 9 });
    zip.add(file);
    for (const piece of entry.pieces()) file.push(piece);
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  return Buffer.concat(out);
}

/** A zip whose entries are stored, not compressed: a way to write sizes by hand in tests. */
export function storedZipOf(entries: ReadonlyArray<{ name: string; text: string }>): Buffer {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  for (const entry of entries) {
    const file = new ZipPassThrough(entry.name);
    zip.add(file);
    file.push(encoder.encode(entry.text), true);
  }
  zip.end();
  return Buffer.concat(out);
}

const text = (value: string) => () => [encoder.encode(value)];

/** `count` copies of one character, in pieces of a mebibyte. */
function* repeated(character: string, count: number): Iterable<Uint8Array> {
  const block = encoder.encode(character.repeat(Math.min(count, CHUNK)));
  for (let left = count; left > 0; left -= block.length) {
    yield left >= block.length ? block : block.subarray(0, left);
  }
}

/**
 * A small XLSX whose second line has one huge cell (the surname): the compressed bomb of
 * issue 14, a 400-million-character cell in about 390 KB.
 */
export function xlsxBomb(options: XlsxBombOptions): Buffer {
  const place = options.place ?? 'shared';
  const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>record_id</t></is></c><c r="B1" t="inlineStr"><is><t>surname</t></is></c></row>`;
  const surnameCell =
    place === 'shared' ? `<c r="B2" t="s"><v>0</v></c>` : `<c r="B2" t="inlineStr"><is><t>`;
  const sheet: Entry = {
    name: 'xl/worksheets/sheet1.xml',
    pieces: function* () {
      yield encoder.encode(
        `${SHEET_OPEN}${header}<row r="2"><c r="A2" t="inlineStr"><is><t>S-1</t></is></c>${surnameCell}`,
      );
      if (place === 'inline') {
        yield* repeated('A', options.cellChars);
        yield encoder.encode(`</t></is></c>`);
      }
      yield encoder.encode(`</row>${SHEET_CLOSE}`);
    },
  };
  const shared: Entry = {
    name: 'xl/sharedStrings.xml',
    pieces: function* () {
      yield encoder.encode(`${SST_OPEN}<si><t>`);
      if (place === 'shared') yield* repeated('A', options.cellChars);
      yield encoder.encode(`</t></si></sst>`);
    },
  };
  return zipOf([
    { name: '[Content_Types].xml', pieces: text(CONTENT_TYPES) },
    { name: '_rels/.rels', pieces: text(ROOT_RELS) },
    { name: 'xl/workbook.xml', pieces: text(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', pieces: text(WORKBOOK_RELS) },
    ...(options.isSheetFirst === false ? [shared, sheet] : [sheet, shared]),
  ]);
}

/** An XLSX with the given sheet XML rows (the `<row>` elements) and shared strings, for odd shapes. */
export function xlsxWithRows(rowsXml: string, sharedStrings: readonly string[] = []): Buffer {
  const items = sharedStrings.map((s) => `<si><t>${s}</t></si>`).join('');
  return zipOf([
    { name: '[Content_Types].xml', pieces: text(CONTENT_TYPES) },
    { name: '_rels/.rels', pieces: text(ROOT_RELS) },
    { name: 'xl/workbook.xml', pieces: text(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', pieces: text(WORKBOOK_RELS) },
    { name: 'xl/worksheets/sheet1.xml', pieces: text(`${SHEET_OPEN}${rowsXml}${SHEET_CLOSE}`) },
    { name: 'xl/sharedStrings.xml', pieces: text(`${SST_OPEN}${items}</sst>`) },
  ]);
}

/** A CSV list whose second line has a surname of `surnameChars` characters. */
export function csvWithLongSurname(surnameChars: number): Buffer {
  return Buffer.concat([
    Buffer.from('record_id,surname\nS-1,'),
    Buffer.alloc(surnameChars, 'A'),
    Buffer.from('\n'),
  ]);
}
