import fc from 'fast-check';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-path.ts';

/** The dark modules a path draws, read back from its rectangles. */
function modulesOf(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
    for (let i = 0; i < Number(w); i += 1) grid[Number(y)]![Number(x) + i] = true;
  return grid;
}

describe('the QR path', () => {
  it('draws exactly the dark modules of any matrix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (matrix) => {
          expect(modulesOf(qrPath(matrix), matrix.length)).toEqual(matrix);
        },
      ),
    );
  });

  it('draws an authenticator URI as the QR matrix uqr encodes', () => {
    const uri = 'otpauth://totp/Parley:olena?issuer=Parley&secret=JBSWY3DPEHPK3PXP&digits=6';
    const { data } = encode(uri, { ecc: 'M', border: 4 });
    expect(modulesOf(qrPath(data), data.length)).toEqual(data);
    // The three finder patterns' corners are dark, inside the quiet zone of four modules.
    expect([data[4]![4], data[4]![data.length - 5], data[data.length - 5]![4]]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
