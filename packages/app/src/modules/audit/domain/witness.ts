import { z } from 'zod';
import type { WitnessedHead } from './log-verdict.ts';
import { verifyConsistency } from './merkle-tree.ts';
import { describeHead, treeHeadSchema, type PublicKeyPem, type TreeHead } from './tree-head.ts';

/**
 * What a witness keeps: the heads of the log it has seen, each proven consistent with the one
 * before when it was added, and the deployment's public keys as it first saw them.
 */
export const WITNESS_FORMAT = 'parley-audit-witness/1';

export interface WitnessFile {
  format: typeof WITNESS_FORMAT;
  /** Which log: the server's address, or the data directory, as the witness named it. */
  log: string;
  publicKeys: PublicKeyPem[];
  heads: TreeHead[];
}

const publicKeySchema = z.object({ keyId: z.string(), pem: z.string() });
const witnessFileSchema = z.object({
  format: z.literal(WITNESS_FORMAT),
  log: z.string(),
  publicKeys: z.array(publicKeySchema),
  heads: z.array(treeHeadSchema),
});
// A signed manifest or receipt: each signature may carry the head signed with it.
const signedDocumentSchema = z.object({
  kind: z.string(),
  hash: z.string(),
  signatures: z.array(
    z.object({ signer: z.string(), role: z.string(), logHead: treeHeadSchema.optional() }),
  ),
});

/** An empty witness file for a log. */
export function newWitnessFile(log: string): WitnessFile {
  return { format: WITNESS_FORMAT, log, publicKeys: [], heads: [] };
}

/** Reads a witness file (for `audit witness`, which adds to it); names what is wrong. */
export function parseWitnessFile(value: unknown, name: string): WitnessFile {
  const parsed = witnessFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${name} is not a Parley witness file (${WITNESS_FORMAT}): ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/**
 * The heads an outside copy holds: every head of a witness file, or the head carried by each
 * signature of a signed manifest or receipt (none for documents signed before heads existed).
 */
export function headsKeptIn(value: unknown, name: string): WitnessedHead[] {
  const witness = witnessFileSchema.safeParse(value);
  if (witness.success) return witness.data.heads.map((head) => ({ head, source: name }));
  const document = signedDocumentSchema.safeParse(value);
  if (document.success) {
    return document.data.signatures.flatMap((s) =>
      s.logHead ? [{ head: s.logHead, source: `${name} (signed by ${s.signer})` }] : [],
    );
  }
  throw new Error(
    `${name} is neither a witness file (${WITNESS_FORMAT}) nor a signed manifest or receipt`,
  );
}

/**
 * Adds a head the log shows now to a witness file, after checking it against the newest head
 * the witness kept: a smaller tree, another root at the same size, or a consistency proof that
 * fails means the log was cut or rewritten since, and the head is refused.
 */
export function addWitnessedHead(
  file: WitnessFile,
  head: TreeHead,
  proof: readonly string[],
  isValidSignature: (head: TreeHead) => boolean,
): { file: WitnessFile; isNew: boolean } {
  if (!isValidSignature(head))
    throw new Error(`${describeHead(head)} is not signed by a key of this deployment`);
  const last = file.heads.at(-1);
  if (last) {
    if (head.treeSize < last.treeSize)
      throw new Error(
        `the log now shows ${describeHead(head)}, fewer entries than the ${last.treeSize} this witness saw on ${last.signedAt}: the log was cut short`,
      );
    const isConsistent = verifyConsistency(
      last.treeSize,
      head.treeSize,
      Buffer.from(last.rootHash, 'hex'),
      Buffer.from(head.rootHash, 'hex'),
      proof.map((h) => Buffer.from(h, 'hex')),
    );
    if (!isConsistent)
      throw new Error(
        `the log now shows ${describeHead(head)}, which is not consistent with ${describeHead(last)} this witness saw on ${last.signedAt}: entries it saw were rewritten`,
      );
    if (head.treeSize === last.treeSize) return { file, isNew: false };
  }
  return { file: { ...file, heads: [...file.heads, head] }, isNew: true };
}
