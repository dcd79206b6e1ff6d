/**
 * Connected components of records 0..n−1 joined by the pairs at or above `threshold`: each
 * record's cluster is the smallest record index in its component.
 */
export function connectedComponents(
  n: number,
  left: Int32Array,
  right: Int32Array,
  weights: Float64Array,
  threshold: number,
): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root]! !== root) root = parent[root]!;
    while (parent[x]! !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (let i = 0; i < weights.length; i++) {
    if (weights[i]! < threshold) continue;
    const a = find(left[i]!);
    const b = find(right[i]!);
    // The smaller root wins, so the cluster id is the component's smallest index.
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  }
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) cluster[i] = find(i);
  return cluster;
}
