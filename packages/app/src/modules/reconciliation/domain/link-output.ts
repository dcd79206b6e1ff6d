import type { LinkedPair } from '@parley/engine';

/** The header of `parley link`'s output (spec/list-format.md, "Link results"). */
export const LINK_RESULT_COLUMNS = [
  'left_id',
  'right_id',
  'match_probability',
  'match_weight',
  'decision',
] as const;

/** One output row per pair, in the spec's columns; numbers rounded to what a reviewer can use. */
export function linkResultRow(pair: LinkedPair): string[] {
  return [
    pair.leftId,
    pair.rightId,
    pair.probability.toFixed(6),
    pair.weight.toFixed(3),
    pair.decision,
  ];
}

/** The explanation of a pair: each field's level and contribution in bits, as a reviewer reads it. */
export function explanationOf(pair: LinkedPair): Record<string, unknown> {
  return {
    left_id: pair.leftId,
    right_id: pair.rightId,
    match_probability: pair.probability,
    match_weight: pair.weight,
    decision: pair.decision,
    prior: Number(pair.prior.toFixed(3)),
    rivals: Number(pair.rivals.toFixed(3)),
    fields: pair.contributions.map((c) => ({
      field: c.field,
      level: c.label,
      weight: Number(c.weight.toFixed(3)),
      ...(c.termFrequencyAdjustment
        ? { term_frequency_adjustment: Number(c.termFrequencyAdjustment.toFixed(3)) }
        : {}),
    })),
  };
}
