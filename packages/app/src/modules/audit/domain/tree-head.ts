import { createPublicKey, type KeyObject } from 'node:crypto';
import { ed25519Verifies } from '../../../platform/crypto/ed25519.ts';
import { z } from 'zod';

/**
 * A signed tree head: the deployment's Ed25519 key vouches that the log held `treeSize`
 * entries whose Merkle tree has `rootHash`. Each head names the head signed before it, so that a
 * head deleted from the middle leaves a gap that verification reports.
 */
export interface TreeHead {
  treeSize: number;
  /** The RFC 9162 root of the first `treeSize` entries, hex. */
  rootHash: string;
  signedAt: string;
  /** The head this one extends (proven consistent with it before signing); null for the first. */
  previous: { treeSize: number; rootHash: string } | null;
  keyId: string;
  /** Ed25519 over `treeHeadMessage(head)`, base64. */
  signature: string;
}

export const TREE_HEAD_FORMAT = 'parley-audit-tree-head/1';

/** The text a head's signature covers: one field a line, after the format's name. */
export function treeHeadMessage(head: Omit<TreeHead, 'keyId' | 'signature'>): string {
  return (
    [
      TREE_HEAD_FORMAT,
      head.treeSize,
      head.rootHash,
      head.signedAt,
      head.previous?.treeSize ?? 0,
      head.previous?.rootHash ?? '-',
    ].join('\n') + '\n'
  );
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

/** A tree head as JSON, as the API, exports, witness files, manifests and receipts carry it. */
export const treeHeadSchema = z.object({
  treeSize: z.number().int().min(0),
  rootHash: sha256Hex,
  signedAt: z.string(),
  previous: z.object({ treeSize: z.number().int().min(0), rootHash: sha256Hex }).nullable(),
  keyId: z.string(),
  signature: z.string(),
});

/** A public key of the deployment, as `parley keys show` and exports list them. */
export interface PublicKeyPem {
  keyId: string;
  pem: string;
}

/** Checks heads' signatures against a set of the deployment's public keys, offline. */
export function headSignatureChecker(
  publicKeys: readonly PublicKeyPem[],
): (head: TreeHead) => boolean {
  const keys = new Map<string, KeyObject>();
  for (const key of publicKeys) {
    try {
      keys.set(key.keyId, createPublicKey(key.pem));
    } catch {
      // A key that cannot be read verifies nothing; the head then reports an invalid signature.
    }
  }
  return (head) => {
    const key = keys.get(head.keyId);
    return key !== undefined && ed25519Verifies(key, treeHeadMessage(head), head.signature);
  };
}

/** How a head is named in messages: its size and the start of its root. */
export function describeHead(head: Pick<TreeHead, 'treeSize' | 'rootHash'>): string {
  return `the head of ${head.treeSize} entries (root ${head.rootHash.slice(0, 16)}…)`;
}
