import { MISSING } from '../compare/levels.ts';
import { MIN_EVIDENCE_BITS, type TrainedModel } from '../train/em.ts';

/** One field's part in a pair's match weight: what a reviewer reads. */
export interface Contribution {
  readonly field: string;
  /** The level index, or -1 (MISSING) when either value is missing. */
  readonly level: number;
  readonly label: string;
  /** The level's stable code ('same', 'different', 'missing'...), for translations. */
  readonly code: string;
  /** log2(m / u) of the level, plus any term-frequency adjustment; 0 when missing. */
  readonly weight: number;
  readonly termFrequencyAdjustment: number;
}

/** The prior weight and each field's weight per level, in bits (log2 Bayes factors). */
export interface WeightTable {
  readonly prior: number;
  readonly weights: readonly (readonly number[])[];
  /** Per field and level: whether agreement there must count for a match (1) or against (−1). */
  readonly evidence: readonly (readonly number[])[];
}

// No one field decides a pair alone: a field's part is kept within ±24 bits.
const MAX_FIELD_BITS = 24;

const bounded = (weight: number, evidence: number): number => {
  const signed =
    evidence === 1
      ? Math.max(MIN_EVIDENCE_BITS, weight)
      : evidence === -1
        ? Math.min(-MIN_EVIDENCE_BITS, weight)
        : weight;
  return Math.max(-MAX_FIELD_BITS, Math.min(MAX_FIELD_BITS, signed));
};

/** The weights a trained model gives: prior log2(λ / (1 − λ)) and log2(m / u) per level. */
export function weightTable(model: TrainedModel): WeightTable {
  return {
    prior: Math.log2(model.lambda / (1 - model.lambda)),
    weights: model.fields.map((field) =>
      field.m.map((m, level) => bounded(Math.log2(m / field.u[level]!), field.evidence[level]!)),
    ),
    evidence: model.fields.map((field) => field.evidence),
  };
}

/** The match probability of a match weight: 2^w / (1 + 2^w). */
export function probabilityOf(weight: number): number {
  if (weight > 60) return 1;
  const odds = 2 ** weight;
  return odds / (1 + odds);
}

/** A field's weight at a level, with the pair's term-frequency adjustment, kept to its evidence. */
function fieldWeight(table: WeightTable, f: number, level: number, adjustment: number): number {
  return bounded(table.weights[f]![level]! + adjustment, table.evidence[f]![level]!);
}

/** Each pair's match weight: the prior plus every field's weight and adjustment. */
export function matchWeights(
  table: WeightTable,
  levels: Int8Array,
  adjustments: readonly (Float64Array | null)[],
): Float64Array {
  const width = table.weights.length;
  const n = width === 0 ? 0 : levels.length / width;
  const out = new Float64Array(n).fill(table.prior);
  for (let f = 0; f < width; f++) {
    const weights = table.weights[f]!;
    const adjustment = adjustments[f] ?? null;
    for (let i = 0; i < n; i++) {
      const level = levels[i * width + f]!;
      if (level === MISSING) continue;
      out[i]! +=
        adjustment === null || adjustment[i] === 0
          ? weights[level]!
          : fieldWeight(table, f, level, adjustment[i]!);
    }
  }
  return out;
}

/** The explanation of pair i: each field's level and weight. */
export function explainPair(
  model: TrainedModel,
  table: WeightTable,
  levels: Int8Array,
  adjustments: readonly (Float64Array | null)[],
  i: number,
): Contribution[] {
  const width = model.fields.length;
  return model.fields.map((field, f) => {
    const level = levels[i * width + f]!;
    if (level === MISSING) {
      return {
        field: field.field,
        level,
        label: 'missing',
        code: 'missing',
        weight: 0,
        termFrequencyAdjustment: 0,
      };
    }
    const adjustment = adjustments[f]?.[i] ?? 0;
    const weight = fieldWeight(table, f, level, adjustment);
    return {
      field: field.field,
      level,
      label: field.levels[level] ?? String(level),
      code: field.codes[level] ?? String(level),
      weight,
      termFrequencyAdjustment: weight - table.weights[f]![level]!,
    };
  });
}
