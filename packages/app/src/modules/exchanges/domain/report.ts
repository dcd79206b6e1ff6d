import { EXCEPTIONS, stateSeenByParty, type PersonState } from './person-path.ts';
import {
  BAG_STATES,
  BATCH_STATES,
  remainsParity,
  type BagState,
  type BatchState,
} from './remains.ts';
import type { ParityReport } from './stage-plan.ts';

/**
 * The report of an agreement, or of one of its stages: who each side asked for and got, persons
 * by category and state, each stage at parity or not and its surplus, the open disputes, and the
 * remains sent each way. One flat table, so that it exports to CSV and XLSX as it is.
 */

export const REPORT_SECTIONS = [
  'asked and got',
  'persons',
  'stages',
  'parity',
  'surplus',
  'disputes',
  'remains',
] as const;

export interface ReportRow {
  readonly section: (typeof REPORT_SECTIONS)[number];
  /**
   * The party the row is about: the side that receives (asked and got), that holds (persons,
   * stages, parity, surplus, disputes), or that sends the remains.
   */
  readonly party: string;
  readonly item: string;
  readonly detail: string;
  readonly count: number;
}

export const REPORT_COLUMNS = ['section', 'party', 'item', 'detail', 'count'] as const;

const RETURNED: readonly string[] = ['handed_over', 'receipt_confirmed', 'closed'];
const DISPUTES: readonly string[] = ['data_mismatch', 'refuses_return', 'not_found', 'legal_hold'];

export interface ReportPerson {
  readonly id: string;
  readonly party: string;
  readonly receivingParty: string;
  readonly category: string;
  readonly state: PersonState;
  readonly stageId: string | null;
}

export interface ReportStage {
  readonly id: string;
  readonly number: number;
  readonly status: string;
  /** Parity of the persons who still count for the stage, as checked now. */
  readonly parity: ParityReport;
  /** The persons left out when the stage was planned: the side that holds each. */
  readonly surplus: ReadonlyArray<{ party: string; reason: string }>;
}

/** A batch of remains with its bags, as the report counts them. */
export interface ReportBatch {
  readonly from: string;
  readonly to: string;
  readonly state: BatchState;
  readonly bags: ReadonlyArray<{ bodies: number; state: BagState }>;
}

export interface ReportInput {
  readonly parties: readonly [string, string];
  /** Whether the reader learns the wish interview (mediator, verifier); else a party's words. */
  readonly seesInterview: boolean;
  /** Eligible lines on each party's sought list: whom the party asked for under the agreement. */
  readonly askedFor: Readonly<Record<string, number>>;
  /** Sought lines the other side did not acknowledge, per seeking party. */
  readonly notAcknowledged: Readonly<Record<string, number>>;
  readonly persons: readonly ReportPerson[];
  readonly stages: readonly ReportStage[];
  /** The mechanism's batches of remains (they are not planned under an agreement). */
  readonly remains: readonly ReportBatch[];
}

/** The whole agreement's report. */
export function buildReport(input: ReportInput): ReportRow[] {
  return [
    ...askedAndGot(input.parties, input.persons, input.askedFor),
    ...personRows(input.persons, input.seesInterview),
    ...input.stages.flatMap((stage) => stageRows(input.parties, input.persons, stage)),
    ...disputeRows(input.parties, input.persons, input.notAcknowledged),
    ...remainsRows(input.parties, input.remains),
  ];
}

export interface StageReportInput {
  readonly parties: readonly [string, string];
  readonly seesInterview: boolean;
  readonly stage: ReportStage;
  /** The persons on the stage, those who left it by an exception included. */
  readonly persons: readonly ReportPerson[];
}

/** One stage's report: its persons by category and state, parity, surplus, returns and disputes. */
export function buildStageReport(input: StageReportInput): ReportRow[] {
  const persons = input.persons.filter((p) => p.stageId === input.stage.id);
  return [
    ...askedAndGot(input.parties, persons, null),
    ...personRows(persons, input.seesInterview),
    ...stageRows(input.parties, persons, input.stage),
    ...disputeRows(input.parties, persons, null),
  ];
}

const count = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length;
const label = (state: string) => state.replaceAll('_', ' ');

function askedAndGot(
  parties: readonly string[],
  persons: readonly ReportPerson[],
  askedFor: Readonly<Record<string, number>> | null,
): ReportRow[] {
  return parties.flatMap((party): ReportRow[] => {
    const coming = persons.filter((p) => p.receivingParty === party);
    return [
      ...(askedFor
        ? [
            {
              section: 'asked and got' as const,
              party,
              item: 'asked for (eligible, sought)',
              detail: '',
              count: askedFor[party] ?? 0,
            },
          ]
        : []),
      {
        section: 'asked and got',
        party,
        item: 'on the path',
        detail: 'held by the other side',
        count: coming.length,
      },
      {
        section: 'asked and got',
        party,
        item: 'returned',
        detail: 'handed over or confirmed',
        count: count(coming, (p) => RETURNED.includes(p.state)),
      },
    ];
  });
}

/**
 * Persons by side, category and state. A party reads "cleared" and "not cleared" where the
 * interview's result would be, as everywhere else; the disputes still count the refusals.
 */
function personRows(persons: readonly ReportPerson[], seesInterview: boolean): ReportRow[] {
  const keys = new Map<string, number>();
  for (const person of persons) {
    const state = seesInterview ? person.state : stateSeenByParty(person.state);
    const key = [person.party, person.category, state].join('\u0000');
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return [...keys]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => {
      const [party, category, state] = key.split('\u0000') as [string, string, string];
      return { section: 'persons', party, item: category, detail: state, count: n };
    });
}

/** A stage's persons per side, its parity per category (or equivalents), and its surplus. */
function stageRows(
  parties: readonly string[],
  persons: readonly ReportPerson[],
  stage: ReportStage,
): ReportRow[] {
  const name = `stage ${stage.number} (${stage.status})`;
  // All for all asks no parity: its counts are what they are, never called "at parity".
  const verdict = (isBalanced: boolean) =>
    !stage.parity.isRequired
      ? 'all for all: no parity asked'
      : isBalanced
        ? 'at parity'
        : 'NOT at parity';
  const rows: ReportRow[] = parties.map((party) => ({
    section: 'stages',
    party,
    item: name,
    detail: verdict(stage.parity.isBalanced),
    count: count(persons, (p) => p.stageId === stage.id && p.party === party),
  }));
  for (const row of stage.parity.rows)
    for (const party of parties)
      rows.push({
        section: 'parity',
        party,
        item: `stage ${stage.number}: ${row.category}`,
        detail: verdict(row.isBalanced),
        count: row.bySide[party] ?? 0,
      });
  for (const party of parties)
    rows.push({
      section: 'surplus',
      party,
      item: `stage ${stage.number}`,
      detail: 'cleared to go, left out to keep parity or the size',
      count: count(stage.surplus, (s) => s.party === party),
    });
  return rows;
}

function disputeRows(
  parties: readonly string[],
  persons: readonly ReportPerson[],
  notAcknowledged: Readonly<Record<string, number>> | null,
): ReportRow[] {
  return parties.flatMap((party): ReportRow[] => [
    ...(notAcknowledged
      ? [
          {
            section: 'disputes' as const,
            party,
            item: 'not acknowledged',
            detail: 'sought by this side, not found on the other side’s held list',
            count: notAcknowledged[party] ?? 0,
          },
        ]
      : []),
    ...EXCEPTIONS.filter((e) => DISPUTES.includes(e)).map((state) => ({
      section: 'disputes' as const,
      party,
      item: label(state),
      detail: 'held by this side',
      count: count(persons, (p) => p.party === party && p.state === state),
    })),
  ]);
}

/**
 * Remains sent by each side: batches by state, bags and bodies offered and received, each bag's
 * identification, parity of bodies between the directions, and the corrections (bags found to
 * hold the sender's own dead, returned and counted for no one).
 */
export function remainsRows(parties: readonly [string, string], batches: readonly ReportBatch[]) {
  const parity = remainsParity(
    parties,
    batches.flatMap((batch) =>
      batch.bags.map((bag) => ({
        ...bag,
        from: batch.from,
        to: batch.to,
        batchState: batch.state,
      })),
    ),
  );
  const rows: ReportRow[] = [];
  for (const party of parties) {
    const sent = batches.filter((b) => b.from === party);
    const bags = sent.flatMap((b) => b.bags);
    const received = sent.filter((b) => b.state === 'received').flatMap((b) => b.bags);
    const bodies = (list: ReadonlyArray<{ bodies: number }>) =>
      list.reduce((sum, bag) => sum + bag.bodies, 0);
    const row = (item: string, detail: string, n: number): ReportRow => ({
      section: 'remains',
      party,
      item,
      detail,
      count: n,
    });
    for (const state of BATCH_STATES)
      rows.push(
        row(
          'batches',
          state,
          count(sent, (b) => b.state === state),
        ),
      );
    rows.push(
      row('bags offered', 'every batch sent', bags.length),
      row('bodies offered', 'every batch sent', bodies(bags)),
      row('bags received', 'batches the other side received', received.length),
      row('bodies received', 'batches the other side received', bodies(received)),
    );
    for (const state of BAG_STATES) {
      const inState = bags.filter((bag) => bag.state === state);
      rows.push(
        row('bags by identification', state, inState.length),
        row('bodies by identification', state, bodies(inState)),
      );
    }
    const direction = `${party}->${parties.find((p) => p !== party)!}`;
    rows.push(
      row(
        'bodies counted for parity',
        `transferred, the sender’s own dead left out; ${parity.isBalanced ? 'at parity' : 'NOT at parity'}`,
        parity.bodies[direction] ?? 0,
      ),
      row(
        'corrections: bags returned',
        'found to hold the sender’s own dead',
        count(bags, (bag) => bag.state === 'foreign'),
      ),
      row(
        'corrections: bodies returned',
        'found to be the sender’s own dead',
        parity.foreign[direction] ?? 0,
      ),
    );
  }
  return rows;
}
