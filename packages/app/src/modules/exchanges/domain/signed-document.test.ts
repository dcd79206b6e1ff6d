import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  documentHash,
  publicKeyId,
  publicKeyText,
  signDocument,
  verifySignedDocument,
  type Signer,
} from './signed-document.ts';

const SIGNERS: Signer[] = [
  { signer: 'user:ua-officer', role: 'party_officer', party: 'UA' },
  { signer: 'user:ru-officer', role: 'party_officer', party: 'RU' },
  { signer: 'user:mediator', role: 'mediator', party: null },
];
const KEYS = SIGNERS.map(() => generateKeyPairSync('ed25519'));
const REQUIRED = SIGNERS.map(({ role, party }) => ({ role, party }));

function signedFile(document: unknown, signers = SIGNERS.length) {
  const hash = documentHash(document);
  return {
    kind: 'parley-manifest/1' as const,
    document,
    hash,
    requiredSigners: REQUIRED,
    signatures: SIGNERS.slice(0, signers).map((signer, i) =>
      signDocument('parley-manifest/1', hash, signer, KEYS[i]!, new Date('2025-06-09T08:00:00Z')),
    ),
  };
}

const manifest = {
  stage: { number: 1, place: 'Belarus–Ukraine border', date: '2025-06-09' },
  persons: [{ recordId: 'UA-S-1', surname: 'Шевченко', category: 'aged 18–25' }],
};

describe('a signed document', () => {
  it('verifies when every required signer has signed the unchanged document', () => {
    const report = verifySignedDocument(JSON.parse(JSON.stringify(signedFile(manifest))));
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.signers.map((s) => s.valid)).toEqual([true, true, true]);
  });

  it('names a changed document, whatever was changed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (surname) => {
        fc.pre(surname !== 'Шевченко');
        const file = signedFile(manifest);
        const tampered = {
          ...file,
          document: { ...manifest, persons: [{ ...manifest.persons[0], surname }] },
        };
        const report = verifySignedDocument(tampered);
        expect(report.ok).toBe(false);
        expect(report.problems[0]).toMatch(/^the document was changed/);
      }),
      { numRuns: 30 },
    );
  });

  it('names the missing signer', () => {
    const report = verifySignedDocument(signedFile(manifest, 2));
    expect(report.problems).toEqual(['no valid signature of the mediator']);
  });

  it('names a signature made over another hash, and a key that was not registered', () => {
    const file = signedFile(manifest);
    const other = signDocument(
      'parley-manifest/1',
      documentHash({ something: 'else' }),
      SIGNERS[2]!,
      KEYS[2]!,
      new Date(),
    );
    const forged = { ...file, signatures: [...file.signatures.slice(0, 2), other] };
    expect(verifySignedDocument(forged).problems).toEqual([
      'the signature of user:mediator (mediator) does not verify',
      'no valid signature of the mediator',
    ]);
    const registered = new Set(
      KEYS.slice(0, 2).map((k) => publicKeyId(publicKeyText(k.publicKey))),
    );
    const report = verifySignedDocument(file, { trustedKeyIds: registered });
    expect(report.problems[0]).toMatch(
      /^user:mediator \(mediator\) signed with key [0-9a-f]{16}, which is not a registered key$/,
    );
  });

  it('does not count a manifest signature for a receipt', () => {
    const file = signedFile(manifest);
    expect(verifySignedDocument({ ...file, kind: 'parley-receipt/1' }).ok).toBe(false);
  });

  it('explains a file that is not a signed document', () => {
    expect(verifySignedDocument({ hello: 'world' }).problems[0]).toMatch(
      /^not a signed Parley document: kind: /,
    );
  });

  it('carries the audit log head of each signature, checked by the caller, and still verifies without one', () => {
    const file = signedFile(manifest);
    const logHead = {
      treeSize: 42,
      rootHash: 'a'.repeat(64),
      signedAt: '2025-06-09T08:00:01.000Z',
      previous: null,
      keyId: 'deployment',
      signature: 'c2lnbmVk',
    };
    const withHead = {
      ...file,
      signatures: file.signatures.map((s) => ({ ...s, logHead })),
      logKeys: [{ keyId: 'deployment', pem: '-----BEGIN PUBLIC KEY-----' }],
    };
    const seen: string[] = [];
    const report = verifySignedDocument(withHead, {
      isLogHeadSigned: (head, keys) => {
        seen.push(`${head.treeSize}:${keys[0]?.keyId}`);
        return head.signature === 'c2lnbmVk';
      },
    });
    expect(report).toMatchObject({ ok: true, logHeads: [{ treeSize: 42, valid: true }, {}, {}] });
    expect(seen).toEqual(['42:deployment', '42:deployment', '42:deployment']);
    const forged = verifySignedDocument(withHead, { isLogHeadSigned: () => false });
    expect(forged.ok).toBe(false);
    expect(forged.problems[0]).toBe(
      'the audit log head carried with the signature of user:ua-officer (42 entries) is not signed by a key the file carries',
    );
    // Documents signed before the log had heads, and readers that do not check them.
    expect(verifySignedDocument(file)).toMatchObject({ ok: true, logHeads: [] });
    expect(verifySignedDocument(withHead).logHeads[0]?.valid).toBeNull();
  });
});
