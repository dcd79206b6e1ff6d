import { createRequire } from 'node:module';
import { darkRuns, qrModules } from './qr.ts';

// DejaVu Sans covers Cyrillic and Latin with diacritics; PDF's standard fonts do not.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export type Pdf = PDFKit.PDFDocument;

/** A heading in Ukrainian, Russian and English, side by side, as the parties read a document. */
export const tri = (uk: string, ru: string, en: string) => `${uk} / ${ru} / ${en}`;

/**
 * A new A4 document with the fonts `regular` and `bold`, its pages kept until the end (to number
 * them), and its bytes once it is ended.
 */
export async function newPdf(options: {
  layout: 'portrait' | 'landscape';
  title: string;
}): Promise<{ pdf: Pdf; bytes: Promise<Buffer> }> {
  // Loaded for a PDF only, not with every command and every start of the server.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    layout: options.layout,
    margin: 36,
    bufferPages: true,
    info: { Title: options.title },
  });
  pdf.registerFont('regular', REGULAR);
  pdf.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return { pdf, bytes };
}

/** A QR code of a text, `size` points wide, its top left at (x, y): each dark run a rectangle. */
export function drawQr(pdf: Pdf, text: string, x: number, y: number, size: number): void {
  const modules = qrModules(text);
  pdf.save();
  pdf.translate(x, y).scale(size / modules.length);
  for (const run of darkRuns(modules)) pdf.rect(run.x, run.y, run.width, 1);
  pdf.fill('black');
  pdf.restore();
}

const QR_SIZE = 74;

/**
 * The hash in a box of its own, with a QR code of it that a phone reads to compare: what each
 * signer's key signed, and what a reader checks.
 */
export function hashBlock(pdf: Pdf, hash: string, label: string): void {
  const x = pdf.page.margins.left;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const height = QR_SIZE + 12;
  if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  const y = pdf.y;
  const textWidth = width - QR_SIZE - 24;
  pdf
    .font('bold')
    .fontSize(8)
    .text(label, x + 6, y + 6, { width: textWidth });
  pdf
    .font('regular')
    .fontSize(10)
    .text(hash, x + 6, pdf.y + 4, { width: textWidth });
  drawQr(pdf, hash, x + width - QR_SIZE - 6, y + 6, QR_SIZE);
  pdf.rect(x, y, width, height).stroke();
  pdf.x = x;
  pdf.y = y + height + 8;
}

export interface SignatureLabels {
  name: string;
  signature: string;
  date: string;
}

/** A block for each required signer: the digital signature, and lines to sign by hand. */
export function signatureBlocks(
  pdf: Pdf,
  signers: ReadonlyArray<{ who: string; digital: string }>,
  labels: SignatureLabels,
): void {
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
      pdf.fontSize(7).text(label, x + 6, y, { width: 110 });
      pdf
        .moveTo(x + 118, y + 8)
        .lineTo(x + width - 8, y + 8)
        .stroke();
    };
    line(labels.name, top + 44);
    line(labels.signature, top + 60);
    line(labels.date, top + 76);
    pdf.x = left;
    pdf.y = top + height + (column === 1 || i === signers.length - 1 ? 4 : 0);
  });
  pdf.moveDown(0.5);
}

/**
 * "Page 2 / 5" on every page, with the start of the document's hash if it has one: a page that
 * strays is known.
 */
export function numberPages(pdf: Pdf, pageWord: string, hash?: string): void {
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
        `${pageWord} ${i + 1} / ${count}${hash ? ` · SHA-256 ${hash.slice(0, 16)}…` : ''}`,
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

/** A table that goes on over pages: a heading row in bold, then each row, columns of set widths. */
export function table(
  pdf: Pdf,
  columns: ReadonlyArray<{ title: string; width: number }>,
  rows: ReadonlyArray<readonly string[]>,
): void {
  const left = pdf.page.margins.left;
  const row = (cells: readonly string[], font: 'regular' | 'bold') => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 24) pdf.addPage();
    const y = pdf.y;
    let x = left;
    let height = 0;
    pdf.font(font).fontSize(8);
    cells.forEach((cell, i) => {
      const width = columns[i]!.width;
      pdf.text(cell, x, y, { width: width - 4 });
      height = Math.max(height, pdf.y - y);
      x += width;
    });
    pdf.x = left;
    pdf.y = y + height + 3;
  };
  row(
    columns.map((c) => c.title),
    'bold',
  );
  for (const cells of rows) row(cells, 'regular');
}
