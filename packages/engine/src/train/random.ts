/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` random pairs (left index, right index); with `within`, pairs of distinct records. When
 * there are no more pairs than `count`, every pair once instead: a small list's u is then exact.
 */
export function randomPairs(
  leftSize: number,
  rightSize: number,
  count: number,
  seed: number,
  within: boolean,
): { left: Int32Array; right: Int32Array } {
  const total = within ? (leftSize * (leftSize - 1)) / 2 : leftSize * rightSize;
  if (total <= count) return everyPair(leftSize, rightSize, within);
  const random = seededRandom(seed);
  const canPair = within ? leftSize > 1 : leftSize > 0 && rightSize > 0;
  const n = canPair ? count : 0;
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const l = Math.floor(random() * leftSize);
    let r = Math.floor(random() * rightSize);
    while (within && r === l) r = Math.floor(random() * rightSize);
    left[i] = l;
    right[i] = r;
  }
  return { left, right };
}

function everyPair(
  leftSize: number,
  rightSize: number,
  within: boolean,
): { left: Int32Array; right: Int32Array } {
  const left: number[] = [];
  const right: number[] = [];
  for (let l = 0; l < leftSize; l++) {
    for (let r = within ? l + 1 : 0; r < rightSize; r++) {
      left.push(l);
      right.push(r);
    }
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right) };
}
