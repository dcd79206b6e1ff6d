import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalFamilyCode, familyCodeOf } from './family-code.ts';

describe('a family code', () => {
  it('is 16 characters of Crockford base32 in groups of four', () => {
    const code = familyCodeOf(new Uint8Array([255, 0, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('differs for different random bytes', () => {
    const a = familyCodeOf(new Uint8Array(10));
    const b = familyCodeOf(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(a).toBe('0000-0000-0000-0000');
    expect(b).toBe('0000-0000-0000-0001');
  });

  it('reads back as typed in lower case, with spaces, O for 0 and I or L for 1', () => {
    expect(canonicalFamilyCode(' k7qm 2hxd-9rtb-o1il ')).toBe('K7QM2HXD9RTB0111');
  });

  it('is refused when too short, too long or with a letter outside the alphabet', () => {
    expect(canonicalFamilyCode('K7QM-2HXD-9RTB')).toBeNull();
    expect(canonicalFamilyCode('K7QM-2HXD-9RTB-00000')).toBeNull();
    expect(canonicalFamilyCode('K7QM-2HXD-9RTB-000U')).toBeNull();
  });

  it('reads back every issued code as itself', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = familyCodeOf(bytes);
        expect(canonicalFamilyCode(code)).toBe(code.replace(/-/g, ''));
      }),
    );
  });
});
