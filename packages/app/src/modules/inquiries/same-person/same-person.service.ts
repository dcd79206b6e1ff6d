import type { SamePersonDecision } from '@parley/kernel/inquiry';
import type { Database } from '../../../platform/db/kysely.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorize, isAllowed, rowScope, type Actor } from '../../access/index.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { ownParty, partyOf } from '../bureau.ts';
import { findInquiriesByIds, personOf, type InquiryRow } from '../inquiries.repository.ts';
import { soughtLineOf } from '../domain/sought-person.ts';
import { explainSamePerson } from './domain/explain-same-person.ts';
import * as repo from './same-person.repository.ts';

export interface SamePersonDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock: () => Date;
}

type PairRow = NonNullable<Awaited<ReturnType<typeof repo.findPair>>>;
const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

/** One side of a pair as the review shows it: the inquiry and its sought person. */
const sideOf = (row: InquiryRow | undefined, id: string) =>
  row
    ? {
        id: row.id,
        number: `${row.party_code}-${row.number}`,
        channel: row.channel,
        receivedOn: row.received_on,
        status: row.status,
        sought: personOf(row),
      }
    : { id, number: null, channel: null, receivedOn: null, status: null, sought: null };

const presentPair = (pair: PairRow, inquiries: ReadonlyMap<string, InquiryRow>) => ({
  id: pair.id,
  party: pair.party_code,
  status: pair.status,
  probability: pair.probability,
  foundAt: iso(pair.found_at),
  decidedBy: pair.decided_by,
  decidedAt: iso(pair.decided_at),
  reason: pair.reason,
  inquiry: sideOf(inquiries.get(pair.inquiry_id), pair.inquiry_id),
  other: sideOf(inquiries.get(pair.other_id), pair.other_id),
});

/**
 * The bureau's review of inquiries the engine found may be about one person: the pairs it was
 * unsure of wait in a queue (never joined silently); each is shown side by side with the engine's
 * explanation, and merged or kept apart with a reason, the decision kept and audited.
 */
export function createSamePersonReview({ db, mechanisms, audit, clock }: SamePersonDeps) {
  /** The mechanism and the party whose bureau reviews, once the actor may. */
  async function bureauOf(actor: Actor, ref: string, party: string | undefined) {
    const mechanism = await mechanisms.get(actor, ref);
    const code = party ?? ownParty(actor, mechanism);
    if (!code) throw new AppError('VALIDATION.INVALID_INPUT', "party: say which party's bureau");
    const resolved = partyOf(mechanism, code);
    authorize(actor, 'inquiry.register', { mechanismId: mechanism.id, party: resolved });
    return { mechanism, party: resolved };
  }

  async function loadPair(actor: Actor, ref: string, pairId: string) {
    const mechanism = await mechanisms.get(actor, ref);
    const pair = await withScope(db, rowScope(actor), (s) =>
      repo.findPair(s, mechanism.id, pairId),
    );
    if (!pair) throw new AppError('INQUIRY.MATCH_NOT_FOUND', `no same-person pair ${pairId}`);
    authorize(actor, 'inquiry.register', { mechanismId: mechanism.id, party: pair.party_code });
    return { mechanism, pair };
  }

  return {
    /** A page of the party's pairs waiting for the bureau (or those it decided), without inquirers. */
    async queue(
      actor: Actor,
      query: {
        mechanism: string;
        party?: string;
        state: repo.PairState;
        limit: number;
        offset: number;
      },
    ) {
      const { mechanism, party } = await bureauOf(actor, query.mechanism, query.party);
      const { page, inquiries } = await withScope(db, rowScope(actor), async (s) => {
        const page = await repo.findPairs(s, { ...query, mechanismId: mechanism.id, party });
        const ids = page.rows.flatMap((p) => [p.inquiry_id, p.other_id]);
        return { page, inquiries: await findInquiriesByIds(s, mechanism.id, ids) };
      });
      const byId = new Map(inquiries.map((i) => [i.id, i]));
      await audit.record(
        null,
        auditEvent(actor, 'inquiry.read', {
          mechanismId: mechanism.id,
          objectIds: inquiries.map((i) => i.id),
          details: { party, samePerson: query.state, offset: query.offset },
        }),
      );
      return { total: page.total, pairs: page.rows.map((p) => presentPair(p, byId)) };
    },

    /**
     * One pair side by side with the engine's explanation; the inquirers too where the reader's
     * role may read them, that read audited as a read of the inquirer's compartment.
     */
    async show(actor: Actor, ref: string, pairId: string) {
      const { mechanism, pair } = await loadPair(actor, ref, pairId);
      const ids = [pair.inquiry_id, pair.other_id];
      const readsInquirer = isAllowed(actor, 'inquiry.inquirer', {
        mechanismId: mechanism.id,
        party: pair.party_code,
      });
      const { inquiries, inquirers } = await withScope(db, rowScope(actor), async (s) => ({
        inquiries: await findInquiriesByIds(s, mechanism.id, ids),
        inquirers: readsInquirer ? await repo.findInquirers(s, ids) : [],
      }));
      const byId = new Map(inquiries.map((i) => [i.id, i]));
      const [a, b] = [byId.get(pair.inquiry_id), byId.get(pair.other_id)];
      await audit.record(
        null,
        auditEvent(actor, readsInquirer ? 'inquiry.inquirer.read' : 'inquiry.read', {
          mechanismId: mechanism.id,
          objectIds: ids,
          details: { party: pair.party_code, samePersonPair: pair.id },
        }),
      );
      const inquirerOf = (id: string) => {
        const found = inquirers.find((i) => i.inquiry_id === id);
        return found
          ? {
              name: found.name,
              relation: found.relation,
              contact: found.contact,
              language: found.language,
            }
          : null;
      };
      return {
        ...presentPair(pair, byId),
        readsInquirer,
        inquirers: { inquiry: inquirerOf(pair.inquiry_id), other: inquirerOf(pair.other_id) },
        explanation:
          a && b
            ? explainSamePerson(soughtLineOf(a.id, personOf(a)), soughtLineOf(b.id, personOf(b)))
            : [],
      };
    },

    /**
     * The bureau merges the two inquiries (confirmed) or says they are not about one person
     * (rejected, with the reason); a pair decided before is not decided again.
     */
    async decide(
      actor: Actor,
      input: {
        mechanism: string;
        pair: string;
        decision: SamePersonDecision;
        reason: string | null;
      },
    ) {
      const { mechanism, pair } = await loadPair(actor, input.mechanism, input.pair);
      if (input.decision === 'rejected' && !input.reason)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'reason: say why the two inquiries are not about the same person',
        );
      const at = clock();
      await withScope(db, rowScope(actor), async (trx) => {
        const decided = await repo.decidePair(trx, pair.id, {
          status: input.decision,
          reason: input.reason,
          by: actor.id,
          at,
        });
        if (!decided)
          throw new AppError(
            'INQUIRY.PAIR_DECIDED',
            `the pair was ${pair.status} already (by ${pair.decided_by ?? 'the engine'})`,
          );
        await audit.record(
          trx,
          auditEvent(actor, 'inquiry.same-person.decide', {
            mechanismId: mechanism.id,
            objectIds: [pair.inquiry_id, pair.other_id],
            details: {
              decision: input.decision,
              party: pair.party_code,
              pair: pair.id,
              was: pair.status,
              probability: pair.probability,
              reason: input.reason,
            },
          }),
        );
      });
      return {
        id: pair.id,
        status: input.decision,
        reason: input.reason,
        decidedAt: at.toISOString(),
      };
    },
  };
}

export type SamePersonReview = ReturnType<typeof createSamePersonReview>;
