/**
 * An inquiry's status: what the bureau may tell the family, from no information to the person
 * handed over (or his remains identified), and closed with a reason. Pure: the matching service
 * gathers the evidence, and `statusFromEvidence` says what status it supports.
 */

import type { InquiryStatus } from '@parley/kernel/inquiry';

export {
  CLOSE_REASONS,
  INQUIRY_STATUSES,
  type CloseReason,
  type InquiryStatus,
} from '@parley/kernel/inquiry';

/** A match of the inquiry with a line of the other side's held list, as a reviewer left it. */
export type MatchStatus = 'matched' | 'proposed' | 'confirmed' | 'rejected';

/** Where a matched person stands on the exchange's path, when he is on one. */
export interface PathEvidence {
  readonly state: string;
  readonly onStage: boolean;
  /** The day he was handed over, when he was. */
  readonly handedOverOn: string | null;
}

export interface Evidence {
  readonly matches: ReadonlyArray<{ status: MatchStatus; path: PathEvidence | null }>;
}

export interface StatusVerdict {
  readonly status: Exclude<InquiryStatus, 'closed'>;
  /** The day the status names (the handover's), when it names one. */
  readonly onDate: string | null;
}

const HANDED_OVER_STATES = new Set(['handed_over', 'receipt_confirmed', 'closed']);

/**
 * The status the evidence supports: a match the engine is sure of, or one a reviewer confirmed,
 * says the other side acknowledged holding the person, and his path says more; a doubtful match
 * only puts the inquiry under review. Rejected matches say nothing.
 */
export function statusFromEvidence(evidence: Evidence): StatusVerdict {
  const sure = evidence.matches.filter((m) => m.status === 'matched' || m.status === 'confirmed');
  const handedOver = sure.find((m) => m.path && HANDED_OVER_STATES.has(m.path.state));
  if (handedOver) return { status: 'handed_over', onDate: handedOver.path?.handedOverOn ?? null };
  if (sure.some((m) => m.path?.onStage)) return { status: 'on_stage', onDate: null };
  if (sure.length > 0) return { status: 'acknowledged', onDate: null };
  if (evidence.matches.some((m) => m.status === 'proposed'))
    return { status: 'under_review', onDate: null };
  return { status: 'no_information', onDate: null };
}

/** Whether matching may still move an inquiry: a closed one keeps its status. */
export function isOpen(status: InquiryStatus): boolean {
  return status !== 'closed';
}
