// Scratch buffers reused across calls: Jaro–Winkler runs millions of times in a linkage run.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function ensureCapacity(n: number): void {
  if (flagsA.length < n) {
    flagsA = new Uint8Array(n * 2);
    flagsB = new Uint8Array(n * 2);
  }
}

// Reciprocals of the lengths and match counts that fit the bit masks: Jaro divides three times
// per comparison, and a multiplication by a table entry costs a fraction of a division.
const RECIPROCAL_TABLE_SIZE = 33;
const reciprocal = Float64Array.from({ length: RECIPROCAL_TABLE_SIZE }, (_, k) => (k ? 1 / k : 0));
const halfReciprocal = reciprocal.map((r) => r / 2);
const inverse = (n: number) => (n < RECIPROCAL_TABLE_SIZE ? reciprocal[n]! : 1 / n);
const halfInverse = (n: number) => (n < RECIPROCAL_TABLE_SIZE ? halfReciprocal[n]! : 0.5 / n);
const THIRD = 1 / 3;

/**
 * The Jaro similarity from the matching characters' count and their transpositions:
 * (m/la + m/lb + (m − t/2)/m) / 3, written with the reciprocals above. Every Jaro in this file
 * goes through here, so the plain and the bit-parallel ones give the very same number.
 */
function jaroOf(matches: number, transpositions: number, la: number, lb: number): number {
  return (
    (matches * inverse(la) + matches * inverse(lb) + 1 - transpositions * halfInverse(matches)) *
    THIRD
  );
}

/** The Jaro similarity of two strings, in [0, 1]; two empty strings are identical (1). */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  ensureCapacity(Math.max(la, lb));
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const end = Math.min(i + window + 1, lb);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return jaroOf(matches, transpositions, la, lb);
}

/** Jaro raised for a common prefix of up to four characters (Winkler's adjustment). */
function winkler(j: number, a: string, b: string, prefixScale: number): number {
  if (j === 1 || j === 0) return j;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const scale = Math.min(0.25, Math.max(0, prefixScale));
  return Math.min(1, j + prefix * scale * (1 - j));
}

/**
 * The Jaro–Winkler similarity of two strings, in [0, 1]: Jaro raised for a common prefix of up
 * to four characters, by `prefixScale` (at most 0.25, so that the result stays within [0, 1]).
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  return winkler(jaro(a, b), a, b, prefixScale);
}

/** The longest text whose character positions fit in one 32-bit mask. */
const MAX_ENCODED = 32;

/**
 * A text prepared once for bit-parallel Jaro–Winkler: its UTF-16 units, and for each distinct unit
 * the set of its positions as a bit mask. Texts longer than 32 units carry no masks and are
 * compared plainly.
 */
export interface EncodedText {
  readonly text: string;
  /** The text's UTF-16 units: a typed array reads faster than charCodeAt in the inner loop. */
  readonly codes: Uint16Array;
  /** The distinct UTF-16 units of the text, in order of first occurrence. */
  readonly units: Uint16Array;
  /** masks[k]: bit p set when the text has units[k] at position p. */
  readonly masks: Int32Array;
}

/** Encodes a text for `jaroWinklerEncoded`. */
export function encodeText(text: string): EncodedText {
  const codes = new Uint16Array(text.length);
  for (let p = 0; p < text.length; p++) codes[p] = text.charCodeAt(p);
  if (text.length > MAX_ENCODED) {
    return { text, codes, units: new Uint16Array(0), masks: new Int32Array(0) };
  }
  const units: number[] = [];
  const masks: number[] = [];
  for (let p = 0; p < codes.length; p++) {
    const k = units.indexOf(codes[p]!);
    if (k < 0) {
      units.push(codes[p]!);
      masks.push(1 << p);
    } else masks[k]! |= 1 << p;
  }
  return { text, codes, units: Uint16Array.from(units), masks: Int32Array.from(masks) };
}

// Per UTF-16 unit, its positions in the text being matched against; all zero between calls.
const positions = new Int32Array(0x10000);
/** Sets b's positions in `positions`, for `jaroAgainstSet`; clearPositions undoes it. */
function setPositions(b: EncodedText): void {
  const { units, masks } = b;
  for (let k = 0; k < units.length; k++) positions[units[k]!] = masks[k]!;
}

function clearPositions(b: EncodedText): void {
  const { units } = b;
  for (let k = 0; k < units.length; k++) positions[units[k]!] = 0;
}

/**
 * Jaro of a against b, b's positions already set: each character of `a` finds its partner in `b`
 * (the first unmatched equal character within the window) with one mask operation instead of a
 * scan. It pairs exactly the characters the plain algorithm pairs, so the result is the same.
 * The loop has no branch that depends on the letters: a name pair's letters are as good as random
 * to the processor, and each mispredicted branch cost more than the work it skipped.
 */
function jaroAgainstSet(a: Uint16Array, b: Uint16Array): number {
  const la = a.length;
  const lb = b.length;
  const half = ((la > lb ? la : lb) >> 1) - 1;
  const window = half > 0 ? half : 0;
  // The positions within the window of position `window`; shifted to each i. At most 31 bits,
  // since both texts have at most 32 units.
  const band = window >= 15 ? 0x7fffffff : (1 << (2 * window + 1)) - 1;
  let matchedA = 0;
  let matchedB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const inWindow = i >= window ? band << (i - window) : band >>> (window - i);
    const free = positions[a[i]!]! & ~matchedB & inWindow;
    const partner = free & -free;
    const found = (partner | -partner) >>> 31;
    matchedB |= partner;
    matchedA |= found << i;
    matches += found;
  }
  if (matches === 0) return 0;
  // The k-th matched character of a against the k-th matched character of b, lowest bits first.
  let transpositions = 0;
  while (matchedA !== 0) {
    const i = 31 - Math.clz32(matchedA & -matchedA);
    const j = 31 - Math.clz32(matchedB & -matchedB);
    transpositions += a[i] !== b[j] ? 1 : 0;
    matchedA &= matchedA - 1;
    matchedB &= matchedB - 1;
  }
  return jaroOf(matches, transpositions, la, lb);
}

/** Whether both texts fit the masks, and neither is empty nor are they equal (the trivial cases). */
const isEncodedCase = (ta: string, tb: string): boolean =>
  ta !== tb &&
  ta.length > 0 &&
  tb.length > 0 &&
  ta.length <= MAX_ENCODED &&
  tb.length <= MAX_ENCODED;

/** Jaro over encoded texts, bit-parallel: the same number as `jaro`, several times faster. */
export function jaroEncoded(a: EncodedText, b: EncodedText): number {
  if (!isEncodedCase(a.text, b.text)) return jaro(a.text, b.text);
  setPositions(b);
  const result = jaroAgainstSet(a.codes, b.codes);
  clearPositions(b);
  return result;
}

/** `jaroWinkler` over encoded texts: the same number, several times faster for short texts. */
export function jaroWinklerEncoded(a: EncodedText, b: EncodedText, prefixScale = 0.1): number {
  return winkler(jaroEncoded(a, b), a.text, b.text, prefixScale);
}

/**
 * `jaroWinklerEncoded(many[i], b)` for each i, into `out`: b is set up once for all of them, which
 * is what a linkage does when it compares one name with every candidate of it.
 */
export function jaroWinklerAgainst(
  b: EncodedText,
  many: readonly EncodedText[],
  out: Float64Array,
  prefixScale = 0.1,
): void {
  const tb = b.text;
  const cb = b.codes;
  const lb = cb.length;
  const scale = Math.min(0.25, Math.max(0, prefixScale));
  setPositions(b);
  for (let i = 0; i < many.length; i++) {
    const a = many[i]!;
    const ca = a.codes;
    const la = ca.length;
    // Lengths first: most candidates differ in length, and string equality may read both texts.
    if (la === lb && a.text === tb) {
      out[i] = 1;
      continue;
    }
    const j =
      la > 0 && lb > 0 && la <= MAX_ENCODED && lb <= MAX_ENCODED
        ? jaroAgainstSet(ca, cb)
        : jaro(a.text, tb);
    if (j === 0) {
      out[i] = 0;
      continue;
    }
    // Winkler's adjustment, inline: a common prefix of up to four characters.
    const limit = la < lb ? (la < 4 ? la : 4) : lb < 4 ? lb : 4;
    let prefix = 0;
    while (prefix < limit && ca[prefix] === cb[prefix]) prefix++;
    const raised = j + prefix * scale * (1 - j);
    out[i] = raised > 1 ? 1 : raised;
  }
  clearPositions(b);
}
