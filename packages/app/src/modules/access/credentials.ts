import { createHash, randomBytes } from 'node:crypto';

/** The prefix of API tokens, so that a leaked one is recognised by secret scanners and people. */
export const TOKEN_PREFIX = 'prl_';

/** The SHA-256 of a secret, in hex: sessions and tokens are stored only as this. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A random secret in base64url. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** A one-time password that meets the policy: 20 random characters. */
export function oneTimePassword(): string {
  return randomToken(15);
}
