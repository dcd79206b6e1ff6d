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

const WITHHELD =
  'details withheld: they quote the file, and only roles that read the lines see them';

/**
 * A stored warning as a role that may not read the list's lines sees it: where it is (line and
 * column), never what it says, since a message quotes values of the file (a date of birth, a
 * capture date, a nationality).
 */
export function withholdValues(formatted: string): string {
  const where = /^line \d+(?:, column [^:]*)?(?=: )/.exec(formatted)?.[0];
  if (where) return `${where}: ${WITHHELD}`;
  // The tally a version keeps after its first warnings ("... and 12 more warnings") quotes nothing.
  return /^\.\.\. and \d+ more warnings?$/.test(formatted) ? formatted : WITHHELD;
}
