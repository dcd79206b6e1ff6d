import type { InquiryRow, MatchRow } from './inquiries.repository.ts';
import { personOf } from './inquiries.repository.ts';

/** An inquiry as the API answers it: the sought person, what the family chose, the status. */
export function presentInquiry(row: InquiryRow) {
  return {
    id: row.id,
    party: row.party_code,
    number: row.number,
    channel: row.channel,
    receivedOn: row.received_on,
    sought: personOf(row),
    consent: {
      tracing: row.consent_tracing,
      sharing: {
        mediator: row.share_mediator,
        icrc: row.share_icrc,
        otherParty: row.share_other_party,
      },
    },
    status: row.status,
    statusAt: new Date(row.status_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A match of an inquiry with a line of the other side's held list (by record id, no content). */
export function presentMatch(row: MatchRow) {
  return {
    id: row.id,
    inquiryId: row.inquiry_id,
    party: row.party_code,
    target: {
      party: row.target_party,
      versionId: row.target_version_id,
      recordId: row.target_record_id,
    },
    probability: row.probability,
    engineDecision: row.engine_decision,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}
