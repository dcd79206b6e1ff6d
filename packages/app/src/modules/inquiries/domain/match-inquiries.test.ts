import { linkAndPrepare, type LinkRecord, type LinkSettings } from '@parley/engine';
import { blankPersonLine } from '@parley/kernel/person-record';
import { describe, expect, it } from 'vitest';
import { matchInquiries, matchOneInquiry } from './match-inquiries.ts';

const line = (recordId: string, surname: string, givenName: string, dateOfBirth: string) =>
  blankPersonLine({ recordId, surname, givenName, dateOfBirth });
const SETTINGS = { match: 0.9, review: 0.01, seed: 1 };

describe('matching inquiries against a held list', () => {
  const inquiries = [
    line('inq-1', 'Коваленко', 'Олексій', '1994-03-12'),
    line('inq-2', 'Шевчук', 'Андрій', '1988-07-01'),
  ];
  const held = {
    party: 'RU',
    versionId: 'v1',
    lines: [
      line('RU-H-1', 'Коваленко', 'Алексей', '1994-03-12'),
      line('RU-H-2', 'Бондаренко', 'Сергей', '1990-11-23'),
    ],
  };

  it('finds the person in the other script, and matches a new inquiry against the list prepared', async () => {
    const { found, prepared } = await matchInquiries(inquiries, [held], SETTINGS);
    expect(
      found.filter((f) => f.decision === 'match').map((f) => [f.inquiryId, f.targetRecordId]),
    ).toEqual([['inq-1', 'RU-H-1']]);
    const again = matchOneInquiry(line('inq-3', 'Коваленко', 'Олексій', '1994-03-12'), prepared);
    expect(again.map((f) => [f.targetRecordId, f.decision])).toContainEqual(['RU-H-1', 'match']);
  });

  it('keeps the held list as linking prepared it, with the settings it was linked with', async () => {
    const seen: Array<{ engine: LinkSettings; right: LinkRecord[] }> = [];
    const { prepared } = await matchInquiries(inquiries, [held], SETTINGS, (l, r, engine, seed) => {
      seen.push({ engine, right: r });
      return linkAndPrepare(l, r, engine, { seed });
    });
    expect(seen).toHaveLength(1);
    expect(prepared[0]?.prepared.settings).toBe(seen[0]?.engine);
    expect(prepared[0]?.prepared.records).toBe(seen[0]?.right);
  });
});

describe('several inquiries about one man', () => {
  const held = {
    party: 'RU',
    versionId: 'v1',
    lines: [
      line('RU-H-1', 'Коваленко', 'Алексей', '1994-03-12'),
      line('RU-H-2', 'Бондаренко', 'Сергей', '1990-11-23'),
    ],
  };
  const sure = (found: Awaited<ReturnType<typeof matchInquiries>>['found']) =>
    found.filter((f) => f.decision === 'match').map((f) => [f.inquiryId, f.targetRecordId]);

  it("match his one line each: a mother's and a wife's, written alike", async () => {
    const { found } = await matchInquiries(
      [
        line('mother', 'Коваленко', 'Олексій', '1994-03-12'),
        line('wife', 'Коваленко', 'Олексій', '1994-03-12'),
      ],
      [held],
      SETTINGS,
    );
    expect(sure(found)).toEqual([
      ['mother', 'RU-H-1'],
      ['wife', 'RU-H-1'],
    ]);
  });

  it('match his one line each when the bureau joined them, spelt differently', async () => {
    const { found } = await matchInquiries(
      [
        line('mother', 'Коваленко', 'Олексій', '1994-03-12'),
        line('wife', 'Коваленко', 'Олексий', '1994-03-12'),
      ],
      [held],
      SETTINGS,
      undefined,
      [{ inquiryId: 'mother', otherId: 'wife' }],
    );
    expect(sure(found)).toEqual([
      ['mother', 'RU-H-1'],
      ['wife', 'RU-H-1'],
    ]);
  });
});
