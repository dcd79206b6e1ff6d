import { verify, type KeyObject } from 'node:crypto';

/**
 * Whether `signature` (base64) is an Ed25519 signature of `message` by `key`: the one check of
 * every signature Parley reads (manifests, receipts and their batches, offline handover records,
 * audit checkpoints and tree heads, in the server, the CLI and an export checked offline). A
 * signature or key that cannot be read does not verify; the check never throws, so a damaged
 * record is reported as one, not as a failure of the program reading it.
 */
export function ed25519Verifies(
  key: KeyObject,
  message: string | Uint8Array,
  signature: string,
): boolean {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  try {
    return verify(null, bytes, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
