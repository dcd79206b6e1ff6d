import { createRequire } from 'node:module';
import type { Letter } from './domain/family-letter.ts';

// DejaVu Sans covers Cyrillic and Latin, as for manifests; PDF's standard fonts do not.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** A letter to the inquirer printed on one A4 page (more when long), as a bureau posts it. */
export async function letterPdf(letter: Letter, language: string): Promise<Buffer> {
  // Loaded for a PDF only, not with every command and every start of the server.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 64,
    lang: language,
    info: { Title: letter.title },
  });
  pdf.registerFont('regular', REGULAR);
  pdf.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('regular').fontSize(10).text(letter.dateLine, { align: 'right' }).moveDown(2);
  pdf.font('bold').fontSize(15).text(letter.title).moveDown(1);
  pdf.font('regular').fontSize(11).text(letter.salutation).moveDown(0.8);
  for (const paragraph of letter.paragraphs) pdf.text(paragraph, { align: 'left' }).moveDown(0.8);
  pdf.moveDown(1.5).text(letter.closing);
  pdf.end();
  return done;
}
