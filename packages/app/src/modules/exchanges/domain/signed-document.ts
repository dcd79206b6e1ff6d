import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { ed25519Verifies } from '../../../platform/crypto/ed25519.ts';
import canonicalize from 'canonicalize';
import { z } from 'zod';

/**
 * Documents that several people sign: a stage's manifest, a handover receipt. The document is
 * RFC 8785 canonical JSON; its SHA-256 is what each signer signs with their own Ed25519 key,
 * prefixed by the kind of document so that a signature on one kind never counts for another.
 * A file holds the document, its hash and the signatures with the signers' public keys, so that
 * it can be verified offline; the key ids are compared with the keys the mechanism registered.
 */

// A receipt batch names the hashes of a stage's receipts: one signature of it is a signature of each.
export const DOCUMENT_KINDS = [
  'parley-manifest/1',
  'parley-receipt/1',
  'parley-receipt-batch/1',
  // What a verifier or receiving officer signed offline at the handover point (handover-record.ts).
  'parley-handover-record/1',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface Signer {
  /** Who signs: `user:<name>`. */
  readonly signer: string;
  readonly role: 'party_officer' | 'mediator' | 'neutral_verifier';
  /** The party a party officer signs for; null for the others. */
  readonly party: string | null;
}

/**
 * The audit log's signed tree head as a signature carries it (the audit module defines it and
 * checks its signature; this module only carries it).
 */
export interface LogHead {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly previous: { readonly treeSize: number; readonly rootHash: string } | null;
  readonly keyId: string;
  readonly signature: string;
}

const logHeadSchema = z.object({
  treeSize: z.number().int().min(1),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string(),
  previous: z
    .object({ treeSize: z.number().int().min(0), rootHash: z.string().regex(/^[0-9a-f]{64}$/) })
    .nullable(),
  keyId: z.string(),
  signature: z.string(),
});

export interface DocumentSignature extends Signer {
  readonly keyId: string;
  /** The signer's Ed25519 public key, SPKI DER in base64. */
  readonly publicKey: string;
  readonly signedAt: string;
  /** Ed25519 over `signingMessage(kind, hash)`, base64. */
  readonly signature: string;
  /**
   * The audit log's signed tree head at the moment this signature was recorded (absent from
   * documents signed before the log was a tree): a copy of the file anchors the log.
   */
  readonly logHead?: LogHead;
}

export interface SignedDocumentFile<T> {
  readonly kind: DocumentKind;
  readonly document: T;
  readonly hash: string;
  /** Who must sign before the document counts: a party officer of each party, the mediator... */
  readonly requiredSigners: ReadonlyArray<Pick<Signer, 'role' | 'party'>>;
  readonly signatures: readonly DocumentSignature[];
  /** The deployment's public keys, which check the log heads offline. */
  readonly logKeys?: ReadonlyArray<{ readonly keyId: string; readonly pem: string }>;
}

/** The SHA-256 of the canonical JSON of a document, hex. */
export function documentHash(document: unknown): string {
  const text = canonicalize(document);
  if (text === undefined) throw new Error('the document has no canonical JSON form');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function signingMessage(kind: DocumentKind, hash: string): Buffer {
  return Buffer.from(`${kind}\n${hash}`, 'utf8');
}

/**
 * Whether `signature` (base64) is an Ed25519 signature over the document of `kind` with `hash`
 * by `publicKey` (SPKI DER, base64): the one check of a signature, when it is made and offline.
 * Null when the public key cannot be read.
 */
export function signatureVerifies(
  kind: DocumentKind,
  hash: string,
  publicKey: string,
  signature: string,
): boolean | null {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
  return ed25519Verifies(key, signingMessage(kind, hash), signature);
}

/** The id of a public key: the start of the SHA-256 of its DER form (as the deployment's keys). */
export function publicKeyId(publicKeyDerBase64: string): string {
  return createHash('sha256')
    .update(Buffer.from(publicKeyDerBase64, 'base64'))
    .digest('hex')
    .slice(0, 16);
}

export function publicKeyText(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** A signature by one signer's private key over a document's hash. */
export function signDocument(
  kind: DocumentKind,
  hash: string,
  signer: Signer,
  keys: { privateKey: KeyObject; publicKey: KeyObject },
  signedAt: Date,
): DocumentSignature {
  const publicKey = publicKeyText(keys.publicKey);
  return {
    ...signer,
    keyId: publicKeyId(publicKey),
    publicKey,
    signedAt: signedAt.toISOString(),
    signature: sign(null, signingMessage(kind, hash), keys.privateKey).toString('base64'),
  };
}

const signatureSchema = z.object({
  signer: z.string().min(1),
  role: z.enum(['party_officer', 'mediator', 'neutral_verifier']),
  party: z.string().nullable(),
  keyId: z.string(),
  publicKey: z.string(),
  signedAt: z.string(),
  signature: z.string(),
  logHead: logHeadSchema.optional(),
});
const fileSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  document: z.unknown(),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
  requiredSigners: z.array(
    z.object({
      role: z.enum(['party_officer', 'mediator', 'neutral_verifier']),
      party: z.string().nullable(),
    }),
  ),
  signatures: z.array(signatureSchema),
  logKeys: z.array(z.object({ keyId: z.string(), pem: z.string() })).optional(),
});

export interface VerifyReport {
  readonly ok: boolean;
  /** Every problem found, each naming what is wrong; empty when the file verifies. */
  readonly problems: string[];
  readonly kind: DocumentKind | null;
  readonly hash: string | null;
  readonly signers: ReadonlyArray<Signer & { keyId: string; valid: boolean }>;
  /** The audit log heads the signatures carry, and whether the deployment's key signed each. */
  readonly logHeads: ReadonlyArray<{
    signer: string;
    treeSize: number;
    rootHash: string;
    valid: boolean | null;
  }>;
}

/**
 * Verifies a signed document file offline: its structure, the hash of the document, each
 * signature, and that every required signer has signed. With `trustedKeyIds`, also that each
 * signature was made by a key the mechanism registered.
 */
export function verifySignedDocument(
  file: unknown,
  options: {
    trustedKeyIds?: ReadonlySet<string>;
    /** Checks a log head's signature with the deployment keys the file carries (the audit module's). */
    isLogHeadSigned?: (
      head: LogHead,
      logKeys: ReadonlyArray<{ keyId: string; pem: string }>,
    ) => boolean;
  } = {},
): VerifyReport {
  const parsed = fileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problems: [
        `not a signed Parley document: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`,
      ],
      kind: null,
      hash: null,
      signers: [],
      logHeads: [],
    };
  }
  const { kind, document, hash, requiredSigners, signatures, logKeys } = parsed.data;
  const problems: string[] = [];
  const recomputed = documentHash(document);
  if (recomputed !== hash) {
    problems.push(
      `the document was changed: its hash is ${recomputed}, the file says ${hash} (every signature is over the stated hash)`,
    );
  }
  const signers = signatures.map((s) => {
    const who = `${s.signer} (${s.role}${s.party ? ` for ${s.party}` : ''})`;
    const verifies = signatureVerifies(kind, hash, s.publicKey, s.signature);
    if (verifies === null) problems.push(`the public key of ${who} cannot be read`);
    let valid = verifies === true;
    if (!valid) problems.push(`the signature of ${who} does not verify`);
    if (publicKeyId(s.publicKey) !== s.keyId) {
      problems.push(`the key id of ${who} does not belong to its public key`);
      valid = false;
    }
    if (options.trustedKeyIds && !options.trustedKeyIds.has(s.keyId)) {
      problems.push(`${who} signed with key ${s.keyId}, which is not a registered key`);
      valid = false;
    }
    return { signer: s.signer, role: s.role, party: s.party, keyId: s.keyId, valid };
  });
  for (const required of requiredSigners) {
    const has = signers.some(
      (s) => s.valid && s.role === required.role && s.party === required.party,
    );
    if (!has)
      problems.push(
        `no valid signature of the ${required.role.replace('_', ' ')}${required.party ? ` for ${required.party}` : ''}`,
      );
  }
  const isHeadSigned = options.isLogHeadSigned;
  const logHeads = signatures.flatMap((s) => {
    if (!s.logHead) return [];
    const valid = isHeadSigned ? isHeadSigned(s.logHead, logKeys ?? []) : null;
    if (valid === false)
      problems.push(
        `the audit log head carried with the signature of ${s.signer} (${s.logHead.treeSize} entries) is not signed by a key the file carries`,
      );
    return [
      { signer: s.signer, treeSize: s.logHead.treeSize, rootHash: s.logHead.rootHash, valid },
    ];
  });
  return { ok: problems.length === 0, problems, kind, hash, signers, logHeads };
}
