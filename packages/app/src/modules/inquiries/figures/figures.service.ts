import type { Database } from '../../../platform/db/kysely.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { authorize, type Actor } from '../../access/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { ownParty, partyOf, readerAs } from '../bureau.ts';
import { ANSWER_DAYS, seriesOf, type FigureUnit, type StatusMoves } from './domain/figures.ts';
import { findFigures, type AnswerRow } from './figures.repository.ts';

export interface FiguresDeps {
  db: Database;
  mechanisms: MechanismsService;
  clock: () => Date;
}

const firstAnswerOf = (row: AnswerRow | undefined) => ({
  inquiries: row?.inquiries ?? 0,
  answered: row?.answered ?? 0,
  medianDays: row?.median ?? null,
  distribution: [...ANSWER_DAYS, null].map((upTo, i) => ({
    upToDays: upTo,
    count: row?.buckets[i] ?? 0,
  })),
});

/**
 * The figures of families' inquiries, as the reader may see them: a party's bureau its own; the
 * mediator and the verifier every party's inquiries that families shared with them, per party and
 * in all. Counts only, never a person.
 */
export function createInquiryFigures({ db, mechanisms, clock }: FiguresDeps) {
  return {
    async figures(actor: Actor, query: { mechanism: string; party?: string; unit: FigureUnit }) {
      const mechanism = await mechanisms.get(actor, query.mechanism);
      const named = query.party ? partyOf(mechanism, query.party) : ownParty(actor, mechanism);
      authorize(actor, 'inquiry.read', {
        mechanismId: mechanism.id,
        ...(named ? { party: named } : {}),
      });
      const as = readerAs(actor, mechanism.id, named ?? '');
      // Row security would judge every history row by its inquiry's sharing, one lookup each; the
      // statement reads as the system, held to what the reader may see by its own conditions.
      const { moves, answers } = await withScope(db, { system: 'on' }, (s) =>
        findFigures(s, {
          mechanismId: mechanism.id,
          party: named,
          sharedWith: as === 'bureau' ? null : as,
          unit: query.unit,
        }),
      );
      const parties = named ? [named] : [...mechanism.parties];
      const movesOf = (party: string) => moves.filter((m: StatusMoves) => m.party === party);
      return {
        generatedAt: clock().toISOString(),
        unit: query.unit,
        counted: as === 'bureau' ? ('all' as const) : (`shared_with_${as}` as const),
        parties: parties.map((party) => ({
          party,
          series: seriesOf(movesOf(party), query.unit),
          firstAnswer: firstAnswerOf(answers.find((a) => a.party === party)),
        })),
        total: {
          series: seriesOf(moves, query.unit),
          firstAnswer: firstAnswerOf(answers.find((a) => a.party === null)),
        },
      };
    },
  };
}

export type InquiryFigures = ReturnType<typeof createInquiryFigures>;
