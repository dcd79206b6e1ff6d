import type { Grant } from '../api/types.ts';
import type { BagState, BatchState } from '../reports/report-view.ts';

/**
 * Who takes a batch's next step (as the server's remains domain says): the receiving side accepts
 * and receives, the sending side transfers; the receiving side or the neutral verifier examines.
 */
export function nextStepOf(
  batch: { state: BatchState; from: string; to: string },
  grant: Grant,
): BatchState | null {
  if (grant.role !== 'party_officer') return null;
  const next: Record<BatchState, { to: BatchState; by: string } | null> = {
    offered: { to: 'accepted', by: batch.to },
    accepted: { to: 'transferred', by: batch.from },
    transferred: { to: 'received', by: batch.to },
    received: null,
  };
  const step = next[batch.state];
  return step && step.by === grant.party ? step.to : null;
}

/** The outcomes this role may record for a bag now; none when it may not examine it. */
export function examinationsOf(
  batch: { state: BatchState; to: string },
  bag: { state: BagState },
  grant: Grant,
): BagState[] {
  const mayExamine =
    grant.role === 'neutral_verifier' ||
    (grant.role === 'party_officer' && grant.party === batch.to);
  if (!mayExamine || batch.state !== 'received' || bag.state === 'foreign') return [];
  const outcomes: BagState[] = ['identified', 'unidentified', 'foreign'];
  return bag.state === 'pending' ? ['examined', ...outcomes] : outcomes;
}

/** Bodies per bag as typed ("1, 2, 1"), or the first entry that is not a count of 1 to 20. */
export function parseBags(text: string): { bags: number[] } | { wrong: string } {
  const entries = text
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return { wrong: '' };
  const bags: number[] = [];
  for (const entry of entries) {
    const n = Number(entry);
    if (!/^\d+$/.test(entry) || n < 1 || n > 20) return { wrong: entry };
    bags.push(n);
  }
  return { bags };
}
