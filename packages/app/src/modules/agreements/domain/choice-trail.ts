/**
 * The choices one evaluation made among the values a partial date leaves open, so that the
 * rule can be run again down every other branch. A choice is keyed by what it is about (the
 * function and its arguments), so that the same question asked twice in one run gets the same
 * answer.
 */
export class ChoiceTrail {
  private forced: readonly number[] = [];
  private taken: Array<{ option: number; count: number }> = [];
  private readonly byKey = new Map<string, number>();
  /** Partial date texts that left a choice open in any run since the last reset. */
  readonly openDates = new Set<string>();

  /** Clears everything, for a new rule on a new person. */
  reset(): void {
    this.openDates.clear();
    this.begin([]);
  }

  /** Starts one run that follows `prefix` at its first choice points and takes option 0 after them. */
  begin(prefix: readonly number[]): void {
    this.forced = prefix;
    this.taken = [];
    this.byKey.clear();
  }

  /** A value from lo to hi (whole numbers), chosen for this run. */
  choose(key: string, lo: number, hi: number): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const point = this.taken.length;
    const option = point < this.forced.length ? (this.forced[point] ?? 0) : 0;
    this.taken.push({ option, count: hi - lo + 1 });
    const value = lo + option;
    this.byKey.set(key, value);
    return value;
  }

  /** Whether the last run made any choice. */
  get hasChoices(): boolean {
    return this.taken.length > 0;
  }

  /** The prefixes of the runs still to make after the last one: each new choice point's other options. */
  branches(): number[][] {
    const prefixes: number[][] = [];
    const path = this.taken.map((point) => point.option);
    for (let i = this.forced.length; i < this.taken.length; i++) {
      const count = this.taken[i]?.count ?? 1;
      for (let option = 1; option < count; option++) prefixes.push([...path.slice(0, i), option]);
    }
    return prefixes;
  }
}
