/**
 * The code a bureau gives a family to follow its inquiry: 16 characters of Crockford's base32
 * (80 random bits, so that a stolen table of hashes cannot be searched back to the codes), shown
 * in groups of four. A family may type it in lower case, with spaces or dashes, O for 0 and I or
 * L for 1.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const FAMILY_CODE_LENGTH = 16;

/** The code made of 10 random bytes (80 bits), grouped as XXXX-XXXX-XXXX-XXXX. */
export function familyCodeOf(random: Uint8Array): string {
  if (random.length < 10) throw new RangeError('a family code needs 10 random bytes');
  let bits = 0n;
  for (const byte of random.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = FAMILY_CODE_LENGTH - 1; i >= 0; i--)
    code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code.match(/.{4}/g)!.join('-');
}

/** The code as typed, in its one canonical form (the form that is hashed), or null if it cannot be one. */
export function canonicalFamilyCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== FAMILY_CODE_LENGTH) return null;
  for (const char of code) if (!ALPHABET.includes(char)) return null;
  return code;
}
