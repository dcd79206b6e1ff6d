import { describe, expect, it } from 'vitest';
import { SEEN_HEAD_KEY, witnessLog, type TreeHead } from './log-witness.ts';

// Certificate Transparency's reference tree (RFC 6962's test data): roots at 6 and 8 leaves and
// the consistency proof between them.
const ROOT_6 = '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef';
const ROOT_8 = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';
const PROOF_6_8 = [
  '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
];

const head = (treeSize: number, rootHash: string): TreeHead => ({
  treeSize,
  rootHash,
  signedAt: '2025-06-09T08:00:00.000Z',
  previous: null,
  keyId: 'k',
  signature: 's',
});

function browser(seen: TreeHead | null) {
  const items = new Map<string, string>();
  if (seen) items.set(SEEN_HEAD_KEY, JSON.stringify(seen));
  return {
    storage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    },
    seen: () => JSON.parse(items.get(SEEN_HEAD_KEY) ?? 'null') as TreeHead | null,
  };
}

const serverShowing = (now: TreeHead | null, proof = PROOF_6_8) => ({
  latestHead: () => Promise.resolve(now),
  consistencyProof: () => Promise.resolve(proof),
});

describe('the browser as a witness of the audit log', () => {
  it('keeps the first head it sees, and a later one that extends it', async () => {
    const fresh = browser(null);
    expect(
      await witnessLog({ storage: fresh.storage, ...serverShowing(head(6, ROOT_6)) }),
    ).toMatchObject({ status: 'kept' });
    expect(fresh.seen()?.treeSize).toBe(6);
    expect(
      await witnessLog({ storage: fresh.storage, ...serverShowing(head(8, ROOT_8)) }),
    ).toMatchObject({ status: 'kept' });
    expect(fresh.seen()?.treeSize).toBe(8);
  });

  it('warns of a log cut short, and keeps what it saw', async () => {
    const kept = browser(head(8, ROOT_8));
    expect(
      await witnessLog({ storage: kept.storage, ...serverShowing(head(6, ROOT_6)) }),
    ).toMatchObject({
      status: 'cut',
      seen: { treeSize: 8 },
      now: { treeSize: 6 },
    });
    expect(kept.seen()?.treeSize).toBe(8);
  });

  it('warns of a log rewritten under what it saw, at a larger size or the same', async () => {
    const kept = browser(head(6, ROOT_8));
    expect(
      await witnessLog({ storage: kept.storage, ...serverShowing(head(8, ROOT_8)) }),
    ).toMatchObject({ status: 'rewritten' });
    expect(
      await witnessLog({ storage: kept.storage, ...serverShowing(head(6, ROOT_6)) }),
    ).toMatchObject({ status: 'rewritten' });
    expect(kept.seen()?.rootHash).toBe(ROOT_8);
    const honest = browser(head(6, ROOT_6));
    expect(
      await witnessLog({
        storage: honest.storage,
        ...serverShowing(head(8, ROOT_8), PROOF_6_8.slice(1)),
      }),
    ).toMatchObject({ status: 'rewritten' });
  });
});
