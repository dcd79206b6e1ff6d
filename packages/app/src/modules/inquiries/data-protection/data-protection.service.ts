import type { ErasureBasis, ErasureRequester, ErasureScope } from '@parley/kernel/inquiry';
import type { Database } from '../../../platform/db/kysely.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { ownParty, partyOf } from '../bureau.ts';
import { findInquiry, insertStatusChanges } from '../inquiries.repository.ts';
import { refusalOf, refusalText } from './domain/erasure.ts';
import { deleteInquiries } from './inquiries.retention.ts';
import * as repo from './data-protection.repository.ts';

export interface DataProtectionDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock: () => Date;
}

/** An inquirer's request to erase their data, as the bureau records it. */
export interface ErasureRequest {
  mechanism: string;
  inquiry: string;
  scope: ErasureScope;
  requester: ErasureRequester;
  requestedOn: string;
  basis: ErasureBasis;
  basisNote: string | null;
}

type ErasureRow = Awaited<ReturnType<typeof repo.findErasures>>[number];
const presentErasure = (row: ErasureRow) => ({
  id: row.id,
  inquiryId: row.inquiry_id,
  number: `${row.party_code}-${row.inquiry_number}`,
  scope: row.scope,
  requester: row.requester,
  requestedOn: row.requested_on,
  basis: row.basis,
  basisNote: row.basis_note,
  outcome: row.outcome,
  refusal: row.refusal,
  recordedBy: row.recorded_by,
  recordedAt: new Date(row.recorded_at).toISOString(),
});

/**
 * Data protection of families' inquiries (the RFL Code of Conduct): a legal hold that keeps an
 * inquiry from retention and erasure, and erasure on the inquirer's request where the law allows
 * it, recorded with who asked, when and on what basis; neither the record nor the audit entry
 * holds the data erased.
 */
export function createInquiryDataProtection({ db, mechanisms, audit, clock }: DataProtectionDeps) {
  /** The inquiry, once the actor is the bureau of its party (who alone reads the inquirer). */
  async function bureauInquiry(actor: Actor, ref: string, inquiryId: string) {
    const mechanism = await mechanisms.get(actor, ref);
    const inquiry = await withScope(db, rowScope(actor), (s) =>
      findInquiry(s, mechanism.id, inquiryId),
    );
    if (!inquiry) throw new AppError('INQUIRY.NOT_FOUND', `no inquiry ${inquiryId}`);
    const where = { mechanismId: mechanism.id, party: inquiry.party_code };
    authorize(actor, 'inquiry.register', where);
    authorize(actor, 'inquiry.inquirer', where);
    return { mechanism, inquiry };
  }

  return {
    /** Puts an inquiry under a legal hold (or changes its reason); audited. */
    async hold(actor: Actor, input: { mechanism: string; inquiry: string; reason: string | null }) {
      const { mechanism, inquiry } = await bureauInquiry(actor, input.mechanism, input.inquiry);
      const at = clock();
      await withScope(db, rowScope(actor), async (trx) => {
        await repo.setHold(
          trx,
          inquiry.id,
          input.reason ? { reason: input.reason, by: actor.id, at } : null,
        );
        await audit.record(
          trx,
          auditEvent(actor, input.reason ? 'inquiry.hold' : 'inquiry.hold.lift', {
            mechanismId: mechanism.id,
            objectIds: [inquiry.id],
            details: { party: inquiry.party_code, number: inquiry.number, reason: input.reason },
          }),
        );
      });
      return {
        id: inquiry.id,
        legalHold: input.reason
          ? { reason: input.reason, by: actor.id, at: at.toISOString() }
          : null,
      };
    },

    /**
     * Erases the inquirer's data at their request: the inquirer's compartment and the family's
     * codes (the inquiry is closed, no one being left to answer), or the whole inquiry. Refused,
     * and the refusal recorded, under a legal hold or while a decision on its matching is open.
     */
    async erase(actor: Actor, request: ErasureRequest) {
      const { mechanism, inquiry } = await bureauInquiry(actor, request.mechanism, request.inquiry);
      const at = clock();
      return withScope(db, rowScope(actor), async (trx) => {
        const open = await repo.findOpenReviews(trx, inquiry.id);
        const refusal = refusalOf({
          legalHold: inquiry.legal_hold,
          status: inquiry.status,
          matchesUnderReview: open.matches,
          pairsUnderReview: open.pairs,
        });
        const recorded = await repo.insertErasure(trx, {
          mechanism_id: mechanism.id,
          party_code: inquiry.party_code,
          inquiry_id: inquiry.id,
          inquiry_number: inquiry.number,
          scope: request.scope,
          requester: request.requester,
          requested_on: request.requestedOn,
          basis: request.basis,
          basis_note: request.basisNote,
          outcome: refusal ? 'refused' : 'erased',
          refusal,
          recorded_by: actor.id,
          recorded_at: at,
        });
        let erasedRows = 0;
        if (!refusal && request.scope === 'inquiry')
          erasedRows = await deleteInquiries(trx, [inquiry.id]);
        if (!refusal && request.scope === 'inquirer') {
          erasedRows = await repo.eraseInquirer(trx, inquiry.id);
          if (inquiry.status !== 'closed')
            await insertStatusChanges(trx, [
              {
                inquiryId: inquiry.id,
                mechanismId: mechanism.id,
                party: inquiry.party_code,
                from: inquiry.status,
                to: 'closed',
                reason: 'withdrawn_by_family: the inquirer’s data erased at their request',
                onDate: null,
                actor: actor.id,
                at,
              },
            ]);
        }
        await audit.record(
          trx,
          auditEvent(actor, refusal ? 'inquiry.erasure.refused' : 'inquiry.erase', {
            mechanismId: mechanism.id,
            objectIds: [inquiry.id, recorded.id],
            details: {
              party: inquiry.party_code,
              number: inquiry.number,
              scope: request.scope,
              requester: request.requester,
              requestedOn: request.requestedOn,
              basis: request.basis,
              refusal,
              erasedRows,
            },
          }),
        );
        return {
          id: recorded.id,
          inquiryId: inquiry.id,
          number: `${inquiry.party_code}-${inquiry.number}`,
          outcome: refusal ? ('refused' as const) : ('erased' as const),
          refusal,
          message: refusal ? refusalText(refusal, inquiry.legal_hold) : null,
          erasedRows,
        };
      });
    },

    /** The party's erasure requests and what came of each, latest first (no personal data). */
    async erasures(actor: Actor, query: { mechanism: string; party?: string; limit: number }) {
      const mechanism = await mechanisms.get(actor, query.mechanism);
      const code = query.party ?? ownParty(actor, mechanism);
      if (!code) throw new AppError('VALIDATION.INVALID_INPUT', "party: say which party's bureau");
      const party = partyOf(mechanism, code);
      authorize(actor, 'inquiry.register', { mechanismId: mechanism.id, party });
      const rows = await withScope(db, rowScope(actor), (s) =>
        repo.findErasures(s, mechanism.id, party, query.limit),
      );
      return { erasures: rows.map(presentErasure) };
    },
  };
}

export type InquiryDataProtection = ReturnType<typeof createInquiryDataProtection>;
