import type { Grant } from '@parley/kernel/access';

/** What can wait for a role: each is done on one screen of the role's workspace. */
export const INBOX_KINDS = [
  'manifest.sign',
  'receipts.sign',
  'receipts.issue',
  'receipts.confirm',
  'persons.step',
  'stage.approve',
  'pairs.review',
  'inquiries.review',
  'inquiries.match',
  'talks.answer',
  'outcomes.released',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** One thing that waits for a grant's holder, counted, with where in its workspace it is done. */
export interface InboxItem {
  kind: InboxKind;
  mechanismId: string;
  mechanismName: string;
  role: Grant['role'];
  party: string | null;
  count: number;
  /** The screen within the grant's workspace: `manifests/<id>`, `receipts?stage=<id>`, `review`. */
  path: string;
  stage?: { number: number; date: string };
  /** For persons.step: the state in which the persons wait for the role's step. */
  state?: string;
  /** For talks.answer: the document, the point and the parties that stated a position on it. */
  document?: string;
  point?: string;
  parties?: string[];
  /** For outcomes.released: when. */
  at?: string;
}

/** The states in which persons wait for each role's next step on the path (person-path.ts). */
export const STEP_STATES: Readonly<Partial<Record<Grant['role'], readonly string[]>>> = {
  mediator: ['identity_verified', 'wish_verified', 'receipt_confirmed'],
  neutral_verifier: ['acknowledged', 'category_confirmed', 'fit_to_travel', 'in_transit'],
  // The holding party's officer: acknowledging its own persons, and sending off those assigned.
  party_officer: ['proposed', 'assigned'],
};

/** How many things wait in all: what the navigation's badge shows. */
export const totalOf = (items: readonly InboxItem[]): number =>
  items.reduce((sum, item) => sum + item.count, 0);
