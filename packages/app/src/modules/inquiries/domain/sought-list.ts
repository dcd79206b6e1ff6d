import type { PersonLine } from '@parley/kernel/person-record';
import type { InquiryStatus } from './inquiry-status.ts';
import { soughtLineOf, type SoughtPerson } from './sought-person.ts';

/** The statuses of an inquiry whose person is still sought: not yet handed over, nor closed. */
export const STILL_SOUGHT: readonly InquiryStatus[] = [
  'no_information',
  'under_review',
  'acknowledged',
  'on_stage',
];

export interface SoughtInquiry {
  readonly id: string;
  readonly number: number;
  readonly status: InquiryStatus;
  readonly person: SoughtPerson;
  /** The family let its inquiry be used for tracing and shared with the other party. */
  readonly mayGoToOtherParty: boolean;
}

/**
 * The lines of a party's next sought list from its open inquiries: one per person still sought
 * whose family let the inquiry go to the other party; of several inquiries about one person
 * (pairs the engine was sure of, or the bureau confirmed), the first one's line only.
 */
export function soughtListOf(
  inquiries: readonly SoughtInquiry[],
  samePerson: ReadonlyArray<{ inquiryId: string; otherId: string }>,
): PersonLine[] {
  const byId = new Map(inquiries.map((i) => [i.id, i]));
  const later = new Set<string>();
  for (const pair of samePerson) {
    const [a, b] = [byId.get(pair.inquiryId), byId.get(pair.otherId)];
    if (!a || !b) continue;
    later.add(a.number < b.number ? b.id : a.id);
  }
  return inquiries
    .filter((i) => i.mayGoToOtherParty && STILL_SOUGHT.includes(i.status) && !later.has(i.id))
    .sort((a, b) => a.number - b.number)
    .map((i, index) => ({ ...soughtLineOf(`INQ-${i.number}`, i.person), lineNumber: index + 2 }));
}
