import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519Verifies } from './ed25519.ts';

describe('the one Ed25519 check', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519').publicKey;
  const signed = (message: string) =>
    sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64');

  it('verifies a signature of the message by the key, as text or bytes, and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (message, altered) => {
        const signature = signed(message);
        expect(ed25519Verifies(publicKey, message, signature)).toBe(true);
        expect(ed25519Verifies(publicKey, Buffer.from(message, 'utf8'), signature)).toBe(true);
        expect(ed25519Verifies(other, message, signature)).toBe(false);
        if (altered !== message) expect(ed25519Verifies(publicKey, altered, signature)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('says a signature that cannot be read does not verify, without throwing', () => {
    for (const signature of ['', 'not base64 at all!', 'AAAA', signed('x').slice(0, 20)])
      expect(ed25519Verifies(publicKey, 'x', signature)).toBe(false);
    // A key of another kind cannot check an Ed25519 signature.
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(ed25519Verifies(rsa, 'x', signed('x'))).toBe(false);
  });
});
