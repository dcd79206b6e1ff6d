import type { ManifestFile, SignerRole, SigningKey } from '../api/exchange.types.ts';
import { keyIdOf } from '../manifests/signing-key.ts';
import { canonicalText, sha256Hex } from '../receipts/canonical.ts';

/** One thing wrong with a signed file, by code, with the signer it concerns. */
export interface VerifyProblem {
  code: 'changed' | 'badSignature' | 'foreignKey' | 'unknownKey' | 'missingSigner';
  /** The signer's name, if the problem is with a signature. */
  signer: string | null;
  role: SignerRole | null;
  party: string | null;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The checks of the server's verifySignedDocument (domain/signed-document.ts), made in this
 * browser without a network with WebCrypto: the hash of the canonical JSON, each Ed25519
 * signature over `<kind>\n<hash>`, each key id against its public key and the keys registered in
 * the mechanism when the stage was taken offline, and a valid signature of every required signer.
 * The audit log heads a file may carry are checked online only.
 */
export async function verifyOffline(
  file: ManifestFile<unknown>,
  registered: readonly SigningKey[],
): Promise<VerifyProblem[]> {
  const problems: VerifyProblem[] = [];
  if ((await sha256Hex(canonicalText(file.document))) !== file.hash)
    problems.push({ code: 'changed', signer: null, role: null, party: null });
  const trusted = new Set(registered.filter((k) => !k.revokedAt).map((k) => k.keyId));
  const message = new TextEncoder().encode(`${file.kind}\n${file.hash}`);
  const valid: Array<{ role: string; party: string | null }> = [];
  for (const s of file.signatures) {
    const who = {
      signer: s.signer.replace(/^user:/, ''),
      role: s.role as SignerRole,
      party: s.party,
    };
    const der = fromBase64(s.publicKey);
    let verifies = false;
    try {
      const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, [
        'verify',
      ]);
      verifies = await crypto.subtle.verify('Ed25519', key, fromBase64(s.signature), message);
    } catch {
      verifies = false;
    }
    if (!verifies) problems.push({ code: 'badSignature', ...who });
    const ownId = (await keyIdOf(der.buffer)) === s.keyId;
    if (!ownId) problems.push({ code: 'foreignKey', ...who });
    const known = trusted.has(s.keyId);
    if (!known) problems.push({ code: 'unknownKey', ...who });
    if (verifies && ownId && known) valid.push({ role: s.role, party: s.party });
  }
  for (const r of file.requiredSigners)
    if (!valid.some((v) => v.role === r.role && v.party === r.party))
      problems.push({ code: 'missingSigner', signer: null, role: r.role, party: r.party });
  return problems;
}
