import type { BlockingRule } from '../block/blocking.ts';
import type { ComparisonSetting } from '../compare/comparators.ts';

// Blocking reads records too; the record's own file keeps the two apart (no import cycle).
export type { LinkRecord } from './record.ts';

/** Everything a linkage run is configured by. */
export interface LinkSettings {
  readonly comparisons: readonly ComparisonSetting[];
  readonly blocking: {
    readonly rules: readonly BlockingRule[];
    /** Blocks that would give more pairs than this are skipped and reported (default 50,000). */
    readonly maxBlockPairs?: number;
  };
  readonly thresholds: {
    /** Match probability from which a one-to-one pair is a match (default 0.9). */
    readonly match?: number;
    /** Match probability from which a pair is shown to a reviewer as possible (default 0.5). */
    readonly possible?: number;
    /** Within one list: the stricter probability for joining duplicates (default 0.99). */
    readonly duplicate?: number;
  };
  readonly training?: {
    /** Random pairs for estimating u (default 100,000). */
    readonly randomPairs?: number;
    readonly maxIterations?: number;
    readonly tolerance?: number;
  };
}

/** Settings with every default filled in. */
export interface ResolvedSettings {
  readonly maxBlockPairs: number;
  readonly match: number;
  readonly possible: number;
  readonly duplicate: number;
  readonly randomPairs: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

/** The settings' numbers with their defaults. */
export function resolveSettings(settings: LinkSettings): ResolvedSettings {
  return {
    maxBlockPairs: settings.blocking.maxBlockPairs ?? 50_000,
    match: settings.thresholds.match ?? 0.9,
    possible: settings.thresholds.possible ?? 0.5,
    duplicate: settings.thresholds.duplicate ?? 0.99,
    randomPairs: settings.training?.randomPairs ?? 100_000,
    maxIterations: settings.training?.maxIterations ?? 100,
    tolerance: settings.training?.tolerance ?? 1e-6,
  };
}
