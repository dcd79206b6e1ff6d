import type { Formula } from '@parley/kernel/agreement';

/**
 * Planning a stage from the persons who are eligible, acknowledged and cleared: who goes, at
 * parity under the agreement's formula, and why anyone left out was left out.
 */

/** A person who may go in a stage; `side` is the party that holds them and hands them over. */
export interface Candidate {
  readonly id: string;
  readonly side: string;
  readonly category: string;
  readonly rank?: string | null;
  /** Smaller goes first: e.g. the capture date, for "longest captivity first". */
  readonly priority: string | number;
}

export interface StagePlan {
  readonly selected: Candidate[];
  readonly surplus: Array<{ candidate: Candidate; reason: string }>;
  readonly parity: ParityReport;
}

export interface ParityRow {
  /** A category, or 'equivalents' for ratio and rank scales. */
  readonly category: string;
  readonly bySide: Record<string, number>;
  readonly isBalanced: boolean;
}

export interface ParityReport {
  /** False under all for all, which exchanges everyone and asks no parity: the counts are as they stand. */
  readonly isRequired: boolean;
  readonly isBalanced: boolean;
  readonly rows: ParityRow[];
}

/** What one person counts for under the formula: 1, or their rank's or category's value. */
export function valueOf(candidate: Candidate, formula: Formula): number {
  if (formula.kind === 'rank_scale') {
    const rank = candidate.rank?.trim().toLowerCase();
    return formula.scale.find((row) => row.rank.toLowerCase() === rank)?.value ?? 0;
  }
  if (formula.kind === 'ratio') {
    return formula.rows.find((row) => row.category === candidate.category)?.count ?? 0;
  }
  return 1;
}

const byPriority = (a: Candidate, b: Candidate) =>
  a.priority < b.priority ? -1 : a.priority > b.priority ? 1 : a.id < b.id ? -1 : 1;

/**
 * Proposes a stage. All-for-all takes everyone in its categories, up to `size` per side. N-for-N keeps the count equal
 * per category, pair by pair in priority order, up to `size` per side. Ratios and rank scales
 * keep the sums of values equal, adding next to the side that is behind.
 */
export function planStage(
  candidates: readonly Candidate[],
  formula: Formula,
  options: { sides: readonly [string, string]; size?: number },
): StagePlan {
  const [first, second] = options.sides;
  const surplus: StagePlan['surplus'] = [];
  const selected: Candidate[] = [];
  const ordered = [...candidates].sort(byPriority);
  const onSide = (side: string) => ordered.filter((c) => c.side === side);

  if (formula.kind === 'all_for_all') {
    // Regardless of numbers; a stage of a given size takes each side's first `size` persons.
    const taken = new Map<string, number>();
    for (const candidate of ordered) {
      const count = taken.get(candidate.side) ?? 0;
      if (!formula.categories.includes(candidate.category)) {
        surplus.push({
          candidate,
          reason: `category ${candidate.category} is not in the agreement`,
        });
      } else if (options.size !== undefined && count >= options.size) {
        surplus.push({
          candidate,
          reason: `the stage is full (${options.size} from each side); a later stage takes them`,
        });
      } else {
        selected.push(candidate);
        taken.set(candidate.side, count + 1);
      }
    }
  } else if (formula.kind === 'n_for_n') {
    const limit = Math.min(formula.n, options.size ?? Number.POSITIVE_INFINITY);
    const categories = [...new Set(ordered.map((c) => c.category))];
    const queues = new Map(
      categories.map((category) => [
        category,
        {
          a: onSide(first).filter((c) => c.category === category),
          b: onSide(second).filter((c) => c.category === category),
        },
      ]),
    );
    let pairs = 0;
    // Pairs in priority order across categories: the better-placed pair of each category first.
    for (;;) {
      let best: { category: string; key: Candidate } | null = null;
      for (const [category, q] of queues) {
        const head = q.a[0] && q.b[0] ? (byPriority(q.a[0], q.b[0]) <= 0 ? q.a[0] : q.b[0]) : null;
        if (head && (!best || byPriority(head, best.key) < 0)) best = { category, key: head };
      }
      if (!best || pairs >= limit) break;
      const q = queues.get(best.category)!;
      selected.push(q.a.shift()!, q.b.shift()!);
      pairs++;
    }
    for (const [category, q] of queues) {
      for (const candidate of [...q.a, ...q.b]) {
        const other = candidate.side === first ? second : first;
        const hasCounterpart = (candidate.side === first ? q.b : q.a).length > 0;
        surplus.push({
          candidate,
          reason:
            pairs >= limit && hasCounterpart
              ? `the stage is full (${limit} for ${limit})`
              : `${other} has no one left in category ${category} to match`,
        });
      }
    }
  } else {
    const queues = { [first]: onSide(first), [second]: onSide(second) };
    const totals = { [first]: 0, [second]: 0 };
    for (const side of options.sides) {
      for (const candidate of queues[side]!.filter((c) => valueOf(c, formula) <= 0)) {
        surplus.push({ candidate, reason: 'the formula gives no value to this person' });
      }
      queues[side] = queues[side]!.filter((c) => valueOf(c, formula) > 0);
    }
    // Add to the side that is behind, until it has no one left.
    for (;;) {
      const behind = totals[first]! <= totals[second]! ? first : second;
      const next = queues[behind]!.shift();
      if (!next) break;
      selected.push(next);
      totals[behind]! += valueOf(next, formula);
    }
    // Whatever leaves the sums unequal at the end comes out again, last in first out.
    while (totals[first] !== totals[second]) {
      const heavier = totals[first]! > totals[second]! ? first : second;
      const index = selected.findLastIndex((c) => c.side === heavier);
      if (index < 0) break;
      const [removed] = selected.splice(index, 1);
      totals[heavier]! -= valueOf(removed!, formula);
      surplus.push({ candidate: removed!, reason: 'no equivalent left on the other side' });
    }
    for (const side of options.sides) {
      for (const candidate of queues[side]!) {
        surplus.push({ candidate, reason: 'no equivalent left on the other side' });
      }
    }
  }
  return { selected, surplus, parity: checkParity(selected, formula, options.sides) };
}

/** Parity of a stage as it stands: per category for N-for-N, by value for ratios and scales. */
export function checkParity(
  persons: readonly Candidate[],
  formula: Formula,
  sides: readonly [string, string],
): ParityReport {
  if (formula.kind === 'all_for_all') {
    // No parity is asked: each category is reported as it stands, and nothing waits on balance.
    const rows = countRows(persons, sides).map((row) => ({ ...row, isBalanced: true }));
    return { isRequired: false, isBalanced: true, rows };
  }
  if (formula.kind === 'n_for_n') {
    const rows = countRows(persons, sides);
    return { isRequired: true, isBalanced: rows.every((r) => r.isBalanced), rows };
  }
  const bySide = Object.fromEntries(
    sides.map((side) => [
      side,
      persons.filter((p) => p.side === side).reduce((sum, p) => sum + valueOf(p, formula), 0),
    ]),
  );
  const isBalanced = bySide[sides[0]] === bySide[sides[1]];
  return { isRequired: true, isBalanced, rows: [{ category: 'equivalents', bySide, isBalanced }] };
}

function countRows(persons: readonly Candidate[], sides: readonly [string, string]): ParityRow[] {
  const categories = [...new Set(persons.map((p) => p.category))].sort();
  return categories.map((category) => {
    const bySide = Object.fromEntries(
      sides.map((side) => [
        side,
        persons.filter((p) => p.category === category && p.side === side).length,
      ]),
    );
    return { category, bySide, isBalanced: bySide[sides[0]] === bySide[sides[1]] };
  });
}

/**
 * The person who takes a withdrawn person's place: the next by priority from the same side and
 * category (N-for-N), or of the same value (ratios and scales), who is not in the stage yet.
 */
export function replacementFor(
  withdrawn: Candidate,
  stage: readonly Candidate[],
  candidates: readonly Candidate[],
  formula: Formula,
): Candidate | null {
  const inStage = new Set(stage.map((c) => c.id));
  const fits = (c: Candidate) =>
    formula.kind === 'ratio' || formula.kind === 'rank_scale'
      ? valueOf(c, formula) === valueOf(withdrawn, formula)
      : c.category === withdrawn.category;
  return (
    [...candidates]
      .sort(byPriority)
      .find(
        (c) => c.id !== withdrawn.id && !inStage.has(c.id) && c.side === withdrawn.side && fits(c),
      ) ?? null
  );
}
