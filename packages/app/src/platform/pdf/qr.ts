import { encode } from 'uqr';

/**
 * The modules of a QR code of a text, dark true, without a quiet zone (the drawing leaves one):
 * medium error correction, which survives a creased or smudged printout.
 */
export function qrModules(text: string): boolean[][] {
  return encode(text, { ecc: 'M', border: 0 }).data;
}

/** The runs of dark modules of each row, as rectangles one module high: what a printout draws. */
export function darkRuns(
  modules: readonly (readonly boolean[])[],
): Array<{ x: number; y: number; width: number }> {
  const runs: Array<{ x: number; y: number; width: number }> = [];
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length;) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      let end = x;
      while (end < row.length && row[end]) end += 1;
      runs.push({ x, y, width: end - x });
      x = end;
    }
  });
  return runs;
}
