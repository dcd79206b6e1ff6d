import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, sha256Hex } from './canonical.ts';

describe('the canonical text of a receipt', () => {
  it('does not depend on the order of keys, and hashes as the server does', async () => {
    const receipt = {
      person: { to: 'UA', recordId: 'RU-H-000001', from: 'RU', surname: 'Шевченко' },
      format: 'parley-receipt/1',
      manifest: null,
    };
    const text = canonicalText(receipt);
    expect(text).toBe(
      '{"format":"parley-receipt/1","manifest":null,"person":{"from":"RU","recordId":"RU-H-000001","surname":"Шевченко","to":"UA"}}',
    );
    // As `sha256sum` and the server's documentHash give it.
    expect(await sha256Hex(text)).toBe(
      'fb1b8da9569f4c7b3ac9695db5d36801c25b041219520eac4498bca67c14001a',
    );
  });

  it('gives any JSON object the same text whatever the order its keys came in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalText(reversed)).toBe(canonicalText(object));
      }),
    );
  });
});
