import { describe, expect, it } from 'vitest';
import { qrModules } from '../../../platform/pdf/qr.ts';
import { pdfQrCodes, pdfTexts } from '../../../testing/pdf-text.ts';
import { buildManifest } from '../domain/manifest.ts';
import { documentHash, type SignedDocumentFile } from '../domain/signed-document.ts';
import { manifestPdf } from './manifest-pdf.ts';

const manifest = buildManifest({
  mechanism: { id: 'm-1', name: 'Istanbul talks' },
  agreement: { id: 'a-1', versionId: 'v-1', name: 'Istanbul, 2 June 2025' },
  stage: { id: 's-1', number: 3, place: 'Belarus–Ukraine border', date: '2025-06-09' },
  supersedes: null,
  persons: Array.from({ length: 60 }, (_, i) => ({
    recordId: `RU-H-${String(i + 1).padStart(4, '0')}`,
    from: 'RU',
    to: 'UA',
    surname: i === 0 ? 'Бондаренко' : `Прізвище${i}`,
    givenName: 'Олег',
    patronymic: 'Іванович',
    rank: 'солдат',
    dateOfBirth: '1990-04-01',
    serviceNumber: `SN-${i}`,
    category: 'young',
  })),
});
const file: SignedDocumentFile<typeof manifest> = {
  kind: 'parley-manifest/1',
  document: manifest,
  hash: documentHash(manifest),
  requiredSigners: [
    { role: 'party_officer', party: 'UA' },
    { role: 'mediator', party: null },
  ],
  signatures: [],
};

describe('a manifest printed as PDF', () => {
  it('names the persons and the hash, numbers its pages, and has blocks to sign by hand', async () => {
    const pdf = await manifestPdf(
      file,
      {
        ok: false,
        problems: ['not signed yet'],
        kind: null,
        hash: null,
        signers: [],
        logHeads: [],
      },
      { categories: { young: 'Young (under 25)' }, agreementVersion: 2 },
    );
    const text = pdfTexts(pdf).join('\n');
    expect(text).toContain(file.hash);
    expect(text).toContain('Бондаренко');
    expect(text).toContain('RU-H-0060');
    expect(text).toContain('Young (under 25)');
    expect(text).toContain('Istanbul, 2 June 2025, version 2');
    expect(text).toContain('Підпис / Подпись / Signature');
    const pages = [
      ...text.matchAll(/Сторінка \/ Страница \/ Page (\d+) \/ (\d+) · SHA-256 ([0-9a-f]{16})…/g),
    ];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => Number(p[1]))).toEqual(pages.map((_, i) => i + 1));
    expect(
      pages.every((p) => Number(p[2]) === pages.length && p[3] === file.hash.slice(0, 16)),
    ).toBe(true);
  });

  it('carries a QR code of its hash, which decodes to the hash', async () => {
    const pdf = await manifestPdf(file, {
      ok: true,
      problems: [],
      kind: 'parley-manifest/1',
      hash: file.hash,
      signers: [],
      logHeads: [],
    });
    const codes = pdfQrCodes(pdf);
    expect(codes).toHaveLength(1);
    expect(codes[0]!.modules).toEqual(qrModules(file.hash));
    expect(codes[0]!.text).toBe(file.hash);
  });
});
