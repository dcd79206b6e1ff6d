import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { withScope } from '../../platform/db/scope.ts';
import { streamLines } from './registry.repository.ts';

const HEADER = ['record_id', 'surname', 'given_name', 'date_of_birth'];
const LINES = 23;
const rows = Array.from({ length: LINES }, (_, i) => [`S-${i + 1}`, 'Бондар', 'Іван', '1990']);

// A whole list is read (for reconciliation and eligibility) a page at a time, each page a range
// of line numbers: every line once, in file order, whatever the page size and the gaps.
describeEachDatabase('a whole list read in pages', (db) => {
  it('yields every line once, in file order, across pages and blank lines in the file', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const csv = csvOf([HEADER, ...rows])
      .replace('S-5,', '\n\n\n\nS-5,')
      .replace('S-17,', '\nS-17,');
    const imported = await registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanism.id,
      party: 'UA',
      kind: 'sought',
      acceptInvalid: false,
      file: buildFile('sought.csv', csv),
    });
    const version = imported.version;
    expect(version.lineCount).toBe(LINES);
    for (const pageSize of [1, 3, 4, 5, 23, 1_000]) {
      const read = await withScope(db(), { system: 'on' }, async (trx) => {
        const lines = [];
        for await (const line of streamLines(trx, version.id, pageSize)) lines.push(line);
        return lines;
      });
      expect({ pageSize, ids: read.map((line) => line.recordId) }).toEqual({
        pageSize,
        ids: rows.map((row) => row[0]),
      });
      const numbers = read.map((line) => line.lineNumber);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(numbers.at(-1)! - numbers[0]! + 1).toBe(LINES + 5);
    }
  });
});
