// How fast the engine compares names: Jaro–Winkler comparisons a second on one core, as the
// engine makes them (one name against all its candidates, jaroWinklerAgainst).
import {
  encodeText,
  jaroWinklerAgainst,
  jaroWinklerEncoded,
  surnameKey,
} from '../../packages/engine/src/index.ts';
import { generatePersonLists } from '../../packages/engine/src/testing/index.ts';
import { round } from '../support.ts';

/** CPU seconds of this process: other work on the machine does not count against the code. */
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Millions of comparisons a CPU second, one at a time and against one name at a time. */
export function jaroWinklerThroughput(names = 1_000, rounds = 5) {
  const lists = generatePersonLists({ seed: 4242, sought: 4_000, held: 4_000 });
  const keys = [
    ...new Set([...lists.sought, ...lists.held].map((r) => surnameKey(r.fields.surname ?? ''))),
  ]
    .filter((key) => key.length > 0)
    .slice(0, names);
  const encoded = keys.map(encodeText);
  const out = new Float64Array(encoded.length);
  const comparisons = encoded.length * encoded.length;
  let sink = 0;
  const pairwise: number[] = [];
  const against: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let started = cpuSeconds();
    for (const b of encoded) for (const a of encoded) sink += jaroWinklerEncoded(a, b);
    pairwise.push(comparisons / (cpuSeconds() - started) / 1e6);
    started = cpuSeconds();
    for (const b of encoded) {
      jaroWinklerAgainst(b, encoded, out);
      sink += out[0]!;
    }
    against.push(comparisons / (cpuSeconds() - started) / 1e6);
  }
  // The best round: the first ones include compiling the code.
  return {
    names: keys.length,
    meanLength: round(keys.reduce((sum, key) => sum + key.length, 0) / keys.length, 1),
    millionsPerSecondOnePairAtATime: round(Math.max(...pairwise), 2),
    millionsPerSecondAgainstOne: round(Math.max(...against), 2),
    checksum: sink > 0,
  };
}
