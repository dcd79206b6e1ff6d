import type { Answer, Item } from '../api/contract.ts';
import type { PersonState, StageStatus } from '../api/exchange.types.ts';

/** One row of a report as the server sends it (and writes it to CSV and XLSX). */
export type ReportRow = Item<
  Answer<'/mechanisms/{mechanism}/agreements/{agreement}/report'>['rows']
>;

export const DISPUTE_KINDS = [
  'not_acknowledged',
  'data_mismatch',
  'refuses_return',
  'not_found',
  'legal_hold',
] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

export const BATCH_STATES = ['offered', 'accepted', 'transferred', 'received'] as const;
export type BatchState = (typeof BATCH_STATES)[number];
export const BAG_STATES = ['pending', 'examined', 'identified', 'unidentified', 'foreign'] as const;
export type BagState = (typeof BAG_STATES)[number];

export interface StageView {
  number: number;
  status: StageStatus;
  isBalanced: boolean;
  /** False under all for all, which asks no parity (the report says so): no verdict is shown. */
  isParityAsked: boolean;
  /** Persons on the stage per holding side, those who left it by an exception included. */
  bySide: Record<string, number>;
  parity: Array<{ category: string; bySide: Record<string, number>; isBalanced: boolean }>;
  /** Persons cleared to go but left out, per holding side. */
  surplus: Record<string, number>;
}

export interface RemainsView {
  batches: Record<BatchState, number>;
  bagsOffered: number;
  bodiesOffered: number;
  bagsReceived: number;
  bodiesReceived: number;
  bags: Record<BagState, number>;
  bodies: Record<BagState, number>;
  bodiesCounted: number;
  isBalanced: boolean;
  bagsReturned: number;
  bodiesReturned: number;
}

/** A report read into what the screen shows; each part keyed by the side it is about. */
export interface ReportView {
  sides: string[];
  /** Per receiving side; askedFor is null in a stage's report. */
  askedAndGot: Array<{ party: string; askedFor: number | null; onPath: number; returned: number }>;
  persons: Array<{ party: string; category: string; state: PersonState; count: number }>;
  stages: StageView[];
  disputes: Array<{ party: string; kind: DisputeKind; count: number }>;
  /** Per sending side; empty in a stage's report. */
  remains: Array<{ party: string } & RemainsView>;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Reads the server's flat rows (section, party, item, detail, count) back into their parts. The
 * rows name things in English for the CSV; the screen shows them in the user's language.
 */
export function reportView(rows: readonly ReportRow[]): ReportView {
  const sides = [...new Set(rows.filter((r) => r.section === 'asked and got').map((r) => r.party))];
  const view: ReportView = {
    sides,
    askedAndGot: sides.map((party) => ({ party, askedFor: null, onPath: 0, returned: 0 })),
    persons: [],
    stages: [],
    disputes: [],
    remains: [],
  };
  const stageOf = (number: number, status?: StageStatus) => {
    let stage = view.stages.find((s) => s.number === number);
    if (!stage) {
      stage = {
        number,
        status: status ?? 'proposed',
        isBalanced: true,
        isParityAsked: true,
        bySide: {},
        parity: [],
        surplus: {},
      };
      view.stages.push(stage);
    }
    if (status) stage.status = status;
    return stage;
  };
  const remainsOf = (party: string) => {
    let remains = view.remains.find((r) => r.party === party);
    if (!remains) {
      remains = {
        party,
        batches: zeros(BATCH_STATES),
        bagsOffered: 0,
        bodiesOffered: 0,
        bagsReceived: 0,
        bodiesReceived: 0,
        bags: zeros(BAG_STATES),
        bodies: zeros(BAG_STATES),
        bodiesCounted: 0,
        isBalanced: true,
        bagsReturned: 0,
        bodiesReturned: 0,
      };
      view.remains.push(remains);
    }
    return remains;
  };
  const atParity = (detail: string) => !detail.includes('NOT at parity');

  for (const row of rows) {
    switch (row.section) {
      case 'asked and got': {
        const side = view.askedAndGot.find((s) => s.party === row.party)!;
        if (row.item.startsWith('asked for')) side.askedFor = row.count;
        else if (row.item === 'on the path') side.onPath = row.count;
        else if (row.item === 'returned') side.returned = row.count;
        break;
      }
      case 'persons':
        view.persons.push({
          party: row.party,
          category: row.item,
          state: row.detail as PersonState,
          count: row.count,
        });
        break;
      case 'stages': {
        const match = /^stage (\d+) \((\w+)\)$/.exec(row.item);
        if (!match) break;
        const stage = stageOf(Number(match[1]), match[2] as StageStatus);
        stage.bySide[row.party] = row.count;
        stage.isBalanced = atParity(row.detail);
        stage.isParityAsked = !row.detail.includes('no parity asked');
        break;
      }
      case 'parity': {
        const match = /^stage (\d+): (.+)$/.exec(row.item);
        if (!match) break;
        const stage = stageOf(Number(match[1]));
        const category = match[2]!;
        let line = stage.parity.find((p) => p.category === category);
        if (!line) {
          line = { category, bySide: {}, isBalanced: atParity(row.detail) };
          stage.parity.push(line);
        }
        line.bySide[row.party] = row.count;
        break;
      }
      case 'surplus': {
        const match = /^stage (\d+)$/.exec(row.item);
        if (match) stageOf(Number(match[1])).surplus[row.party] = row.count;
        break;
      }
      case 'disputes':
        view.disputes.push({
          party: row.party,
          kind: row.item.replaceAll(' ', '_') as DisputeKind,
          count: row.count,
        });
        break;
      case 'remains': {
        const remains = remainsOf(row.party);
        if (row.item === 'batches') remains.batches[row.detail as BatchState] = row.count;
        else if (row.item === 'bags offered') remains.bagsOffered = row.count;
        else if (row.item === 'bodies offered') remains.bodiesOffered = row.count;
        else if (row.item === 'bags received') remains.bagsReceived = row.count;
        else if (row.item === 'bodies received') remains.bodiesReceived = row.count;
        else if (row.item === 'bags by identification')
          remains.bags[row.detail as BagState] = row.count;
        else if (row.item === 'bodies by identification')
          remains.bodies[row.detail as BagState] = row.count;
        else if (row.item === 'bodies counted for parity') {
          remains.bodiesCounted = row.count;
          remains.isBalanced = atParity(row.detail);
        } else if (row.item === 'corrections: bags returned') remains.bagsReturned = row.count;
        else if (row.item === 'corrections: bodies returned') remains.bodiesReturned = row.count;
        break;
      }
    }
  }
  return view;
}
