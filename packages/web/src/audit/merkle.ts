/*
 * RFC 9162's consistency proof check (section 2.1.4.2), in the browser with Web Crypto: whether a
 * later tree head of the audit log extends one this browser saw. The server has the same
 * algorithm (packages/app, modules/audit/domain/merkle-tree.ts); both follow the RFC line by line.
 */

async function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const data = new Uint8Array(65);
  data[0] = 1;
  data.set(left, 1);
  data.set(right, 33);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const equal = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);
const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** Whether `proof` (hex hashes) shows that the tree of `second` leaves extends the tree of `first`. */
export async function verifyConsistency(
  first: number,
  second: number,
  firstRootHex: string,
  secondRootHex: string,
  proofHex: readonly string[],
): Promise<boolean> {
  const firstRoot = fromHex(firstRootHex);
  const secondRoot = fromHex(secondRootHex);
  const proof = proofHex.map(fromHex);
  if (!(first >= 1 && first <= second)) return false;
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  const path = Number.isInteger(Math.log2(first)) ? [firstRoot, ...proof] : proof;
  const [start, ...rest] = path;
  if (!start) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = start;
  let sr = start;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = await nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return equal(fr, firstRoot) && equal(sr, secondRoot) && sn === 0;
}
