import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAG_STATES, BATCH_STATES } from './remains.ts';
import {
  buildReport,
  buildStageReport,
  remainsRows,
  type ReportBatch,
  type ReportPerson,
  type ReportRow,
  type ReportStage,
} from './report.ts';

const SIDES = ['UA', 'RU'] as const;
const find = (
  rows: readonly ReportRow[],
  section: string,
  party: string,
  item: string,
  detail?: string,
) =>
  rows.find(
    (r) =>
      r.section === section &&
      r.party === party &&
      r.item === item &&
      (detail === undefined || r.detail === detail),
  )?.count;

const batch = fc.record({
  from: fc.constantFrom(...SIDES),
  state: fc.constantFrom(...BATCH_STATES),
  bags: fc.array(
    fc.record({ bodies: fc.integer({ min: 1, max: 3 }), state: fc.constantFrom(...BAG_STATES) }),
    { minLength: 1, maxLength: 6 },
  ),
});
const toBatch = (b: {
  from: 'UA' | 'RU';
  state: ReportBatch['state'];
  bags: ReportBatch['bags'];
}) => ({ ...b, to: b.from === 'UA' ? 'RU' : 'UA' }) as ReportBatch;

describe('the remains in a report', () => {
  it('counts a batch returned with a bag of the sender’s own dead as a correction, not for parity', () => {
    const rows = remainsRows(SIDES, [
      {
        from: 'RU',
        to: 'UA',
        state: 'received',
        bags: [
          { bodies: 2, state: 'identified' },
          { bodies: 1, state: 'foreign' },
          { bodies: 1, state: 'pending' },
        ],
      },
      { from: 'UA', to: 'RU', state: 'offered', bags: [{ bodies: 3, state: 'pending' }] },
    ]);
    expect(find(rows, 'remains', 'RU', 'bodies offered')).toBe(4);
    expect(find(rows, 'remains', 'RU', 'bodies received')).toBe(4);
    expect(find(rows, 'remains', 'RU', 'bags by identification', 'identified')).toBe(1);
    expect(find(rows, 'remains', 'RU', 'bodies by identification', 'identified')).toBe(2);
    expect(find(rows, 'remains', 'RU', 'corrections: bags returned')).toBe(1);
    expect(find(rows, 'remains', 'RU', 'corrections: bodies returned')).toBe(1);
    expect(find(rows, 'remains', 'RU', 'bodies counted for parity')).toBe(3);
    // UA's batch is only offered: its bodies do not count yet, and the two sides are not at parity.
    expect(find(rows, 'remains', 'UA', 'bodies offered')).toBe(3);
    const uaParity = rows.find((r) => r.party === 'UA' && r.item === 'bodies counted for parity');
    expect(uaParity?.count).toBe(0);
    expect(uaParity?.detail).toContain('NOT at parity');
    expect(find(rows, 'remains', 'UA', 'batches', 'offered')).toBe(1);
  });

  it('accounts for every body offered: by identification, and for parity or returned once transferred', () => {
    fc.assert(
      fc.property(fc.array(batch, { maxLength: 6 }), (raw) => {
        const batches = raw.map(toBatch);
        const rows = remainsRows(SIDES, batches);
        for (const side of SIDES) {
          const offered = find(rows, 'remains', side, 'bodies offered')!;
          const byState = rows
            .filter((r) => r.party === side && r.item === 'bodies by identification')
            .reduce((sum, r) => sum + r.count, 0);
          expect(byState).toBe(offered);
          const moved = batches
            .filter((b) => b.from === side && (b.state === 'transferred' || b.state === 'received'))
            .flatMap((b) => b.bags)
            .reduce((sum, bag) => sum + bag.bodies, 0);
          expect(
            find(rows, 'remains', side, 'bodies counted for parity')! +
              find(rows, 'remains', side, 'corrections: bodies returned')!,
          ).toBe(moved);
          expect(
            BATCH_STATES.reduce((sum, s) => sum + find(rows, 'remains', side, 'batches', s)!, 0),
          ).toBe(batches.filter((b) => b.from === side).length);
        }
      }),
    );
  });
});

describe('a stage’s report', () => {
  const person = (
    id: string,
    party: 'UA' | 'RU',
    state: ReportPerson['state'],
    stageId: string | null,
  ) =>
    ({
      id,
      party,
      receivingParty: party === 'UA' ? 'RU' : 'UA',
      category: 'wounded',
      state,
      stageId,
    }) satisfies ReportPerson;
  const stage: ReportStage = {
    id: 's1',
    number: 1,
    status: 'executing',
    parity: {
      isRequired: true,
      isBalanced: true,
      rows: [{ category: 'wounded', bySide: { UA: 2, RU: 2 }, isBalanced: true }],
    },
    surplus: [{ party: 'UA', reason: 'the stage is full' }],
  };
  const persons = [
    person('u1', 'UA', 'handed_over', 's1'),
    person('u2', 'UA', 'in_transit', 's1'),
    person('u3', 'UA', 'deceased', 's1'),
    person('r1', 'RU', 'receipt_confirmed', 's1'),
    person('r2', 'RU', 'assigned', 's1'),
    person('u9', 'UA', 'approved', null),
    person('r9', 'RU', 'approved', 's2'),
  ];

  it('counts only its own persons: returned per receiving side, parity, surplus and exceptions', () => {
    const rows = buildStageReport({ parties: SIDES, seesInterview: true, stage, persons });
    expect(find(rows, 'asked and got', 'RU', 'returned')).toBe(1);
    expect(find(rows, 'asked and got', 'UA', 'returned')).toBe(1);
    expect(find(rows, 'asked and got', 'RU', 'on the path')).toBe(3);
    expect(find(rows, 'stages', 'UA', 'stage 1 (executing)')).toBe(3);
    expect(find(rows, 'parity', 'RU', 'stage 1: wounded', 'at parity')).toBe(2);
    expect(find(rows, 'surplus', 'UA', 'stage 1')).toBe(1);
    expect(find(rows, 'surplus', 'RU', 'stage 1')).toBe(0);
    expect(find(rows, 'persons', 'UA', 'wounded', 'deceased')).toBe(1);
    expect(rows.some((r) => r.item === 'asked for (eligible, sought)')).toBe(false);
    expect(rows.some((r) => r.section === 'remains')).toBe(false);
  });

  it('says of an all-for-all stage that it asks no parity, never that 58 against 2 is at parity', () => {
    const allForAll: ReportStage = {
      ...stage,
      parity: {
        isRequired: false,
        isBalanced: true,
        rows: [{ category: 'wounded', bySide: { UA: 58, RU: 2 }, isBalanced: true }],
      },
    };
    const rows = buildStageReport({
      parties: SIDES,
      seesInterview: true,
      stage: allForAll,
      persons,
    });
    const parity = rows.filter((r) => r.section === 'parity' || r.section === 'stages');
    expect(parity.map((r) => r.detail)).toEqual(parity.map(() => 'all for all: no parity asked'));
    expect(find(rows, 'parity', 'UA', 'stage 1: wounded', 'all for all: no parity asked')).toBe(58);
  });

  it('is the agreement report’s stage rows, and the agreement report adds remains and asked for', () => {
    const whole = buildReport({
      parties: SIDES,
      seesInterview: true,
      askedFor: { UA: 10, RU: 8 },
      notAcknowledged: { UA: 2 },
      persons,
      stages: [stage],
      remains: [],
    });
    const ofStage = buildStageReport({ parties: SIDES, seesInterview: true, stage, persons });
    const sections = ['stages', 'parity', 'surplus'];
    expect(whole.filter((r) => sections.includes(r.section))).toEqual(
      ofStage.filter((r) => sections.includes(r.section)),
    );
    expect(find(whole, 'asked and got', 'UA', 'asked for (eligible, sought)')).toBe(10);
    expect(find(whole, 'disputes', 'UA', 'not acknowledged')).toBe(2);
    expect(find(whole, 'remains', 'UA', 'bodies offered')).toBe(0);
  });

  it('gives a party cleared and not cleared where the interview’s result would be', () => {
    const interviewed = [
      person('u5', 'UA', 'wish_verified', 's1'),
      person('u6', 'UA', 'refuses_return', 's1'),
    ];
    const asParty = buildStageReport({
      parties: SIDES,
      seesInterview: false,
      stage,
      persons: [...persons, ...interviewed],
    });
    const states = asParty.filter((r) => r.section === 'persons').map((r) => r.detail);
    expect(states).toEqual(expect.arrayContaining(['cleared', 'not_cleared', 'deceased']));
    expect(states).not.toContain('wish_verified');
    expect(states).not.toContain('refuses_return');
    // The refusal is still an open dispute the party sees counted.
    expect(find(asParty, 'disputes', 'UA', 'refuses return')).toBe(1);
    const asMediator = buildStageReport({
      parties: SIDES,
      seesInterview: true,
      stage,
      persons: [...persons, ...interviewed],
    });
    expect(find(asMediator, 'persons', 'UA', 'wounded', 'wish_verified')).toBe(1);
  });
});
