import type { LineProblem, RawRow } from '../../registry/index.ts';

/** One bag of a batch: its label and the bodies it holds. */
export interface BagLine {
  readonly label: string;
  readonly bodies: number;
}

/** The most bags one batch holds (the June 2025 transfers were of 6,000 bodies, in batches). */
export const MAX_BAGS = 5_000;
/** The most bodies one bag holds: a bag is one body, or the parts of a few found together. */
export const MAX_BODIES_PER_BAG = 20;
const MAX_LABEL = 100;

// A column is named in English, Ukrainian or Russian, in any case.
const COLUMN_NAMES: Readonly<Record<'label' | 'bodies', readonly string[]>> = {
  label: ['label', 'bag', 'мішок', 'мешок', 'позначка', 'метка'],
  bodies: ['bodies', 'тіла', 'тела', 'кількість тіл', 'количество тел'],
};

const problem = (line: number, column: string | null, message: string, value?: string) =>
  ({
    line,
    column,
    message,
    ...(value === undefined ? {} : { value }),
    severity: 'error',
  }) satisfies LineProblem;

/** Where each column is, or the problems of a header that lacks one or has one it cannot read. */
function readHeader(cells: readonly string[]) {
  const at: Partial<Record<keyof typeof COLUMN_NAMES, number>> = {};
  const problems: LineProblem[] = [];
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (name === '') return;
    const column = (Object.keys(COLUMN_NAMES) as (keyof typeof COLUMN_NAMES)[]).find((c) =>
      COLUMN_NAMES[c].includes(name),
    );
    if (column === undefined) {
      problems.push(
        problem(1, cell, 'an unknown column: a bags file has the columns label and bodies', cell),
      );
    } else if (at[column] !== undefined) {
      problems.push(problem(1, cell, `the column ${column} is named twice`, cell));
    } else at[column] = index;
  });
  for (const column of Object.keys(COLUMN_NAMES) as (keyof typeof COLUMN_NAMES)[]) {
    if (at[column] === undefined) {
      problems.push(problem(1, null, `the header has no column ${column}`));
    }
  }
  return { at, problems };
}

/**
 * The bags of a remains file (CSV or XLSX, as lists are read): a header naming the columns
 * `label` and `bodies`, then one bag a line. All or nothing: every problem by line and column,
 * and bags only when there is none.
 */
export async function readBagsFile(
  rows: AsyncIterable<RawRow>,
): Promise<{ bags: BagLine[]; problems: LineProblem[] }> {
  const bags: BagLine[] = [];
  const problems: LineProblem[] = [];
  const firstLineOf = new Map<string, number>();
  let header: ReturnType<typeof readHeader> | null = null;
  let lines = 0;
  for await (const row of rows) {
    if (header === null) {
      header = readHeader(row.cells);
      problems.push(...header.problems);
      if (header.problems.length > 0) break;
      continue;
    }
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    lines++;
    if (lines > MAX_BAGS) {
      problems.push(problem(row.line, null, `a batch holds at most ${MAX_BAGS} bags; split it`));
      break;
    }
    const label = (row.cells[header.at.label!] ?? '').trim();
    const bodiesText = (row.cells[header.at.bodies!] ?? '').trim();
    if (label === '') problems.push(problem(row.line, 'label', 'a bag needs a label'));
    else if (label.length > MAX_LABEL) {
      problems.push(problem(row.line, 'label', `at most ${MAX_LABEL} characters`, label));
    } else if (firstLineOf.has(label)) {
      const first = firstLineOf.get(label)!;
      problems.push(problem(row.line, 'label', `the same label as line ${first}`, label));
    } else firstLineOf.set(label, row.line);
    const bodies = /^\d+$/.test(bodiesText) ? Number(bodiesText) : Number.NaN;
    if (!(bodies >= 1 && bodies <= MAX_BODIES_PER_BAG)) {
      problems.push(
        problem(row.line, 'bodies', `a whole number from 1 to ${MAX_BODIES_PER_BAG}`, bodiesText),
      );
    }
    bags.push({ label, bodies });
  }
  if (header === null) problems.push(problem(1, null, 'the file is empty'));
  else if (problems.length === 0 && bags.length === 0) {
    problems.push(problem(2, null, 'the file has no bags'));
  }
  return { bags: problems.length > 0 ? [] : bags, problems };
}
