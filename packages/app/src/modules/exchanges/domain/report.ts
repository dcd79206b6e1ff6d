import { EXCEPTIONS, type PersonState } from './person-path.ts';

/**
 * The report of an agreement: who each side asked for and got, persons by category and state,
 * each stage at parity or not, and the open disputes. One flat table, so that it exports to CSV
 * and XLSX as it is.
 */

export interface ReportRow {
  readonly section: 'asked and got' | 'persons' | 'stages' | 'disputes';
  /** The party the row is about: the side that receives (asked and got), or that holds. */
  readonly party: string;
  readonly item: string;
  readonly detail: string;
  readonly count: number;
}

export const REPORT_COLUMNS = ['section', 'party', 'item', 'detail', 'count'] as const;

const RETURNED: readonly string[] = ['handed_over', 'receipt_confirmed', 'closed'];
const DISPUTES: readonly string[] = ['data_mismatch', 'refuses_return', 'not_found', 'legal_hold'];

export interface ReportInput {
  readonly parties: readonly string[];
  /** Eligible lines on each party's sought list: whom the party asked for under the agreement. */
  readonly askedFor: Readonly<Record<string, number>>;
  /** Sought lines the other side did not acknowledge, per seeking party. */
  readonly notAcknowledged: Readonly<Record<string, number>>;
  readonly persons: ReadonlyArray<{
    party: string;
    receivingParty: string;
    category: string;
    state: PersonState;
    stageId: string | null;
  }>;
  readonly stages: ReadonlyArray<{
    id: string;
    number: number;
    status: string;
    isBalanced: boolean;
    surplus: number;
  }>;
}

export function buildReport(input: ReportInput): ReportRow[] {
  const rows: ReportRow[] = [];
  const count = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length;
  for (const party of input.parties) {
    const coming = input.persons.filter((p) => p.receivingParty === party);
    rows.push(
      {
        section: 'asked and got',
        party,
        item: 'asked for (eligible, sought)',
        detail: '',
        count: input.askedFor[party] ?? 0,
      },
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
    );
  }
  const keys = new Map<string, number>();
  for (const person of input.persons) {
    const key = [person.party, person.category, person.state].join('\u0000');
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...keys].sort(([a], [b]) => a.localeCompare(b))) {
    const [party, category, state] = key.split('\u0000') as [string, string, string];
    rows.push({ section: 'persons', party, item: category, detail: state, count: n });
  }
  for (const stage of input.stages) {
    for (const party of input.parties) {
      rows.push({
        section: 'stages',
        party,
        item: `stage ${stage.number} (${stage.status})`,
        detail: stage.isBalanced ? 'at parity' : 'NOT at parity',
        count: count(input.persons, (p) => p.stageId === stage.id && p.party === party),
      });
    }
  }
  for (const party of input.parties) {
    rows.push({
      section: 'disputes',
      party,
      item: 'not acknowledged',
      detail: 'sought by this side, not found on the other side’s held list',
      count: input.notAcknowledged[party] ?? 0,
    });
    for (const state of EXCEPTIONS.filter((e) => DISPUTES.includes(e))) {
      rows.push({
        section: 'disputes',
        party,
        item: state.replaceAll('_', ' '),
        detail: 'held by this side',
        count: count(input.persons, (p) => p.party === party && p.state === state),
      });
    }
  }
  return rows;
}
