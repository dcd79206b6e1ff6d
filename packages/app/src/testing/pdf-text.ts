import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';

// A CommonJS module whose typings say `export default`: the function is its exports.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** One object of a PDF file: its dictionary, and its stream decoded when it has one. */
interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

/** The objects of a PDF as pdfkit writes it (no object streams, Flate-compressed content). */
function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\b/g;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const bodyAt = match.index + match[0].length;
    const end = text.indexOf('endobj', bodyAt);
    const body = text.slice(bodyAt, end);
    const streamAt = body.search(/>>\s*stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
    } else {
      const dict = body.slice(0, streamAt + 2);
      const from = bodyAt + body.indexOf('\n', body.indexOf('stream', streamAt)) + 1;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const raw = pdf.subarray(from, from + length);
      objects.set(Number(match[1]), {
        dict,
        stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw,
      });
    }
    start.lastIndex = end;
  }
  return objects;
}

/** A font's glyph codes and the text each stands for, from its ToUnicode map. */
function unicodeMapOf(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const toText = (hex: string) =>
    String.fromCharCode(
      ...(hex.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)),
    );
  for (const range of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
    const first = parseInt(range[1]!, 16);
    [...range[3]!.matchAll(/<([0-9a-f\s]+)>/gi)].forEach((entry, i) =>
      map.set(first + i, toText(entry[1]!)),
    );
  }
  return map;
}

/** What a PDF made by pdfkit says: the text of each text object (BT … ET), page after page. */
export function pdfTexts(pdf: Buffer): string[] {
  const objects = objectsOf(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values())
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '')?.[1];
      const cmap = objects.get(Number(toUnicode))?.stream;
      if (cmap) fonts.set(name!, unicodeMapOf(cmap.toString('latin1')));
    }
  const texts: string[] = [];
  for (const { stream } of objects.values()) {
    const content = stream?.toString('latin1') ?? '';
    if (!content.includes(' Tf')) continue;
    let font = new Map<number, string>();
    for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[-\d.\s])*)\] TJ/gi)) {
      if (op[1]) {
        font = fonts.get(op[1]) ?? new Map<number, string>();
        continue;
      }
      const glyphs = [...op[2]!.matchAll(/<([0-9a-f]*)>/gi)].flatMap(
        (hex) => hex[1]!.match(/.{4}/g) ?? [],
      );
      texts.push(glyphs.map((g) => font.get(parseInt(g, 16)) ?? '').join(''));
    }
  }
  return texts;
}

/**
 * The QR codes a PDF draws as platform/pdf does (a translation, a scale, then one rectangle a
 * run of dark modules, filled), each read back as its modules and decoded by jsQR from an image
 * of them: what a phone pointed at the printout would read.
 */
export function pdfQrCodes(pdf: Buffer): Array<{ modules: boolean[][]; text: string | null }> {
  const codes: Array<{ modules: boolean[][]; text: string | null }> = [];
  for (const { stream } of objectsOf(pdf).values()) {
    const content = stream?.toString('latin1') ?? '';
    const drawing =
      /1 0 0 1 [\d.-]+ [\d.-]+ cm\n[\d.]+ 0 0 [\d.]+ 0 0 cm\n((?:\d+ \d+ \d+ 1 re\n)+)/g;
    for (const match of content.matchAll(drawing)) {
      const runs = [...match[1]!.matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map(([, x, y, w]) => ({
        x: Number(x),
        y: Number(y),
        width: Number(w),
      }));
      const size = Math.max(...runs.map((r) => r.x + r.width));
      const modules = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
      for (const run of runs)
        for (let x = run.x; x < run.x + run.width; x++) modules[run.y]![x] = true;
      codes.push({ modules, text: decodeQr(modules) });
    }
  }
  return codes;
}

/** Decodes a QR code's modules as an image: 4 pixels a module, a quiet zone of 4 modules. */
function decodeQr(modules: boolean[][]): string | null {
  const scale = 4;
  const quiet = 4;
  const side = (modules.length + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((isDark, x) => {
      if (!isDark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
        }
    }),
  );
  return jsQR(pixels, side, side)?.data ?? null;
}
