/** Something wrong with one line (or the header, line 1) of a list file. */
export interface LineProblem {
  line: number;
  /** The column as the file names it; null when the problem is with the line as a whole. */
  column: string | null;
  message: string;
  /** The value seen, verbatim. */
  value?: string;
  severity: 'error' | 'warning';
  /** A warning whose line was left out (linking leaves out lines without a name). */
  leftOut?: true;
}

/** Renders a problem the way spec/list-format.md words it: `line N, column C: what is wrong (value seen)`. */
export function formatProblem(problem: LineProblem): string {
  const where =
    problem.column === null
      ? `line ${problem.line}`
      : `line ${problem.line}, column ${problem.column}`;
  const seen = problem.value === undefined ? '' : ` (${JSON.stringify(problem.value)})`;
  return `${where}: ${problem.message}${seen}`;
}
