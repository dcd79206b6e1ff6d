import { describe, expect, it } from 'vitest';
// The server's own report builder: if its wording changes, this test says the screen no longer reads it.
import {
  buildReport,
  buildStageReport,
  type ReportInput,
} from '../../../app/src/modules/exchanges/domain/report.ts';
import { reportView } from './report-view.ts';

const SIDES = ['UA', 'RU'] as const;
const person = (id: string, party: 'UA' | 'RU', state: string, stageId: string | null) => ({
  id,
  party,
  receivingParty: party === 'UA' ? 'RU' : 'UA',
  category: 'young servicemen',
  state: state as never,
  stageId,
});
const input: ReportInput = {
  parties: SIDES,
  seesInterview: true,
  askedFor: { UA: 12, RU: 9 },
  notAcknowledged: { UA: 3, RU: 0 },
  persons: [
    person('u1', 'UA', 'receipt_confirmed', 's1'),
    person('u2', 'UA', 'deceased', 's1'),
    person('r1', 'RU', 'handed_over', 's1'),
    person('r2', 'RU', 'refuses_return', null),
    person('r3', 'RU', 'approved', null),
  ],
  stages: [
    {
      id: 's1',
      number: 1,
      status: 'executing',
      parity: {
        isRequired: true,
        isBalanced: false,
        rows: [{ category: 'young servicemen', bySide: { UA: 1, RU: 2 }, isBalanced: false }],
      },
      surplus: [{ party: 'RU', reason: 'the stage is full' }],
    },
  ],
  remains: [
    {
      from: 'RU',
      to: 'UA',
      state: 'received',
      bags: [
        { bodies: 2, state: 'identified' },
        { bodies: 1, state: 'foreign' },
      ],
    },
    { from: 'UA', to: 'RU', state: 'transferred', bags: [{ bodies: 2, state: 'pending' }] },
  ],
};

describe('a report read for the screen', () => {
  it('reads back every part of the agreement report the server builds', () => {
    const view = reportView(buildReport(input));
    expect(view.sides).toEqual(['UA', 'RU']);
    expect(view.askedAndGot).toEqual([
      { party: 'UA', askedFor: 12, onPath: 3, returned: 1 },
      { party: 'RU', askedFor: 9, onPath: 2, returned: 1 },
    ]);
    expect(view.persons).toContainEqual({
      party: 'UA',
      category: 'young servicemen',
      state: 'deceased',
      count: 1,
    });
    expect(view.stages).toEqual([
      {
        number: 1,
        status: 'executing',
        isBalanced: false,
        isParityAsked: true,
        bySide: { UA: 2, RU: 1 },
        parity: [{ category: 'young servicemen', bySide: { UA: 1, RU: 2 }, isBalanced: false }],
        surplus: { UA: 0, RU: 1 },
      },
    ]);
    expect(view.disputes).toContainEqual({ party: 'UA', kind: 'not_acknowledged', count: 3 });
    expect(view.disputes).toContainEqual({ party: 'RU', kind: 'refuses_return', count: 1 });
    const ru = view.remains.find((r) => r.party === 'RU')!;
    expect(ru).toMatchObject({
      bodiesOffered: 3,
      bodiesReceived: 3,
      bodiesCounted: 2,
      bagsReturned: 1,
      bodiesReturned: 1,
      isBalanced: true,
    });
    expect(ru.batches.received).toBe(1);
    expect(ru.bodies.identified).toBe(2);
    expect(view.remains.find((r) => r.party === 'UA')).toMatchObject({
      bodiesCounted: 2,
      bags: { pending: 1 },
    });
  });

  it('reads a stage’s report, which has no asked-for count and no remains', () => {
    const view = reportView(
      buildStageReport({
        parties: SIDES,
        seesInterview: true,
        stage: input.stages[0]!,
        persons: input.persons,
      }),
    );
    expect(view.askedAndGot[0]).toEqual({ party: 'UA', askedFor: null, onPath: 1, returned: 1 });
    expect(view.stages).toHaveLength(1);
    expect(view.remains).toEqual([]);
    expect(view.disputes.some((d) => d.kind === 'not_acknowledged')).toBe(false);
  });

  it('reads that an all-for-all stage asks no parity, whatever its numbers', () => {
    const stage = input.stages[0]!;
    const allForAll = {
      ...stage,
      parity: { ...stage.parity, isRequired: false, isBalanced: true },
    };
    const view = reportView(
      buildStageReport({
        parties: SIDES,
        seesInterview: true,
        stage: allForAll,
        persons: input.persons,
      }),
    );
    expect(view.stages[0]).toMatchObject({ isParityAsked: false, isBalanced: true });
  });
});
