/**
 * Greedy one-to-one assignment across two lists: pairs at or above `threshold`, strongest first
 * (ties by index), each taken unless one of its records is already taken. Not the optimal
 * (Hungarian) assignment, but close when weights separate matches well; raising the threshold
 * only removes pairs from the end of the order, so it never adds an assignment.
 */
export function assignOneToOne(
  left: Int32Array,
  right: Int32Array,
  weights: Float64Array,
  threshold: number,
): Uint8Array {
  const order: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i]! >= threshold) order.push(i);
  order.sort((a, b) => weights[b]! - weights[a]! || a - b);
  const takenLeft = new Set<number>();
  const takenRight = new Set<number>();
  const assigned = new Uint8Array(weights.length);
  for (const i of order) {
    const l = left[i]!;
    const r = right[i]!;
    if (takenLeft.has(l) || takenRight.has(r)) continue;
    takenLeft.add(l);
    takenRight.add(r);
    assigned[i] = 1;
  }
  return assigned;
}
