import {
  givenNameFrequencies,
  patronymicFrequencies,
  surnameFrequencies,
  type NamePrior,
} from '../names/name-frequencies.ts';
import {
  givenNameKey,
  latinXAsKh,
  nameKey,
  surnameFormKey,
  surnameKey,
} from '../names/name-key.ts';
import { patronymicKey } from '../names/patronymic.ts';
import { normaliseText } from '../normalise/normalise-text.ts';
import {
  compareDates,
  DATE_LEVEL_CODES,
  DATE_LEVELS,
  readComparedDate,
  type ComparedDate,
} from './dates.ts';
import { isWithinOneEdit } from './edits.ts';
import {
  encodeText,
  type EncodedText,
  jaroWinklerAgainst,
  jaroWinklerEncoded,
} from './jaro-winkler.ts';
import { type ComparatorKind, type Comparison, type Evidence, proportions } from './levels.ts';
import { tokenComparison } from './tokens.ts';

/** How one field is compared: the settings a user writes. */
export interface ComparisonSetting {
  readonly field: string;
  readonly kind: ComparatorKind;
  /** Names: Jaro–Winkler thresholds, highest first (default 0.92, 0.8). */
  readonly jaroWinklerThresholds?: readonly number[];
  /** Tokens: word-similarity thresholds, highest first (default 0.8, 0.5). */
  readonly similarityThresholds?: readonly number[];
  /** Adjust agreement by how common the value is (Splink's term-frequency adjustment). */
  readonly termFrequency?: boolean;
}

const clean = (value: string | null): string | null => {
  if (value === null) return null;
  const text = normaliseText(value, { stripDiacritics: true });
  return text.length === 0 ? null : text;
};

/** One reading of a name: its keys. */
interface NameReading {
  /** The name's key: equal for its spellings, scripts and (surnames) gender forms. */
  readonly key: string;
  /** Surnames: the coarser key that meets Ukrainian and Russian forms; otherwise the key. */
  readonly formKey: string;
  /** The key encoded for Jaro–Winkler: similarity is measured between keys, across scripts. */
  readonly encoded: EncodedText;
}

interface PreparedName extends NameReading {
  readonly text: string;
  /** A Latin name with an x read the other way, x as х (GOST 7.79 B) rather than кс; or null. */
  readonly xReading: NameReading | null;
}

type NameKind = 'name' | 'given-name' | 'surname' | 'patronymic';

/** Per kind of name: its key, its prior frequencies, and its levels' priors. */
interface NameModel {
  readonly key: (text: string) => string;
  readonly frequencies?: () => NamePrior;
  /** Whether the level 'Ukrainian or Russian form' exists (surnames). */
  readonly hasForms: boolean;
  /** Whether the level 'initial only' exists. */
  readonly hasInitials: boolean;
}

const NAME_MODELS: Record<NameKind, NameModel> = {
  name: { key: nameKey, hasForms: false, hasInitials: true },
  'given-name': {
    key: givenNameKey,
    frequencies: givenNameFrequencies,
    hasForms: false,
    hasInitials: true,
  },
  surname: { key: surnameKey, frequencies: surnameFrequencies, hasForms: true, hasInitials: false },
  patronymic: {
    key: patronymicKey,
    frequencies: patronymicFrequencies,
    hasForms: false,
    hasInitials: true,
  },
};

function isInitialOf(initial: string, name: string): boolean {
  const letter = initial.endsWith('.') ? initial.slice(0, -1) : initial;
  return letter.length === 1 && name.startsWith(letter);
}

interface LevelSpec {
  readonly label: string;
  readonly code: string;
  readonly evidence: Evidence;
  readonly m: number;
  readonly u: number;
}

function specsOf(specs: readonly LevelSpec[]) {
  return {
    levels: specs.map((spec) => spec.label),
    codes: specs.map((spec) => spec.code),
    evidence: specs.map((spec) => spec.evidence),
    prior: { m: proportions(specs.map((s) => s.m)), u: proportions(specs.map((s) => s.u)) },
  };
}

// The priors of name levels: most true pairs write the same name (in some script or spelling);
// a few carry a typo; fewer still a different name. Two different persons share a surname about
// once in 300 pairs, a given name once in 25 (term frequencies refine both).
function nameLevels(model: NameModel, thresholds: readonly number[]): LevelSpec[] {
  const specs: LevelSpec[] = [{ label: 'same name', code: 'same', evidence: 1, m: 0.88, u: 0.01 }];
  if (model.hasForms) {
    specs.push({
      label: 'Ukrainian or Russian form',
      code: 'form',
      evidence: 1,
      m: 0.03,
      u: 0.002,
    });
  }
  specs.push({ label: 'one letter off', code: 'one-letter', evidence: 0, m: 0.04, u: 0.002 });
  thresholds.forEach((threshold, i) =>
    specs.push({
      label: `Jaro-Winkler ≥ ${threshold}`,
      code: `jw-${threshold}`,
      evidence: 0,
      m: i === 0 ? 0.04 : 0.02,
      u: i === 0 ? 0.005 : 0.03,
    }),
  );
  if (model.hasInitials) {
    specs.push({ label: 'initial only', code: 'initial', evidence: 0, m: 0.005, u: 0.005 });
  }
  specs.push({ label: 'different', code: 'different', evidence: -1, m: 0.025, u: 0.95 });
  return specs;
}

function nameComparison(
  field: string,
  kind: NameKind,
  thresholds: readonly number[],
): Comparison<PreparedName> {
  const model = NAME_MODELS[kind];
  const specs = nameLevels(model, thresholds);
  const formLevel = model.hasForms ? 1 : -1;
  const oneLetterLevel = formLevel + (model.hasForms ? 1 : 2);
  const firstSimilar = oneLetterLevel + 1;
  const initialLevel = firstSimilar + thresholds.length;
  const differentLevel = specs.length - 1;
  // Names repeat across records; their keys are costly, so each distinct name is keyed once.
  const keys = new Map<string, string>();
  const keyOf = (text: string): string => {
    let key = keys.get(text);
    if (key === undefined) {
      key = model.key(text);
      keys.set(text, key);
    }
    return key;
  };
  const readingOf = (text: string, key: string): NameReading => ({
    key,
    formKey: model.hasForms ? surnameFormKey(text) : key,
    encoded: encodeText(key),
  });
  /** The level the keys decide alone (the same name, a form, one letter off), or −1. */
  const byReadings = (a: NameReading, b: NameReading): number => {
    if (a.key === b.key) return 0;
    if (formLevel >= 0 && a.formKey === b.formKey) return formLevel;
    // A typo in a short name changes too much of it to say it is the same name.
    if (a.key.length >= 4 && b.key.length >= 4 && isWithinOneEdit(a.key, b.key)) {
      return oneLetterLevel;
    }
    return -1;
  };
  /** The readings of a name: its own, and x read as х when it has one. */
  const readingsOf = (name: PreparedName): readonly NameReading[] =>
    name.xReading === null ? [name] : [name, name.xReading];
  /** The best level any two readings decide by their keys, or −1. */
  const byKeys = (a: PreparedName, b: PreparedName): number => {
    let best = -1;
    for (const readingA of readingsOf(a)) {
      for (const readingB of readingsOf(b)) {
        const level = byReadings(readingA, readingB);
        if (level >= 0 && (best < 0 || level < best)) best = level;
      }
    }
    return best;
  };
  /** The highest Jaro–Winkler similarity of any two readings. */
  const similarityOf = (a: PreparedName, b: PreparedName): number => {
    let best = 0;
    for (const readingA of readingsOf(a)) {
      for (const readingB of readingsOf(b)) {
        best = Math.max(best, jaroWinklerEncoded(readingA.encoded, readingB.encoded));
      }
    }
    return best;
  };
  /** The level of two names the keys did not decide, from their Jaro–Winkler similarity. */
  const bySimilarity = (a: PreparedName, b: PreparedName, similarity: number): number => {
    for (let i = 0; i < thresholds.length; i++) {
      if (similarity >= thresholds[i]!) return firstSimilar + i;
    }
    if (model.hasInitials && (isInitialOf(a.text, b.text) || isInitialOf(b.text, a.text))) {
      return initialLevel;
    }
    return differentLevel;
  };
  return {
    field,
    kind,
    ...specsOf(specs),
    exactLevel: 0,
    termPrior: model.frequencies?.(),
    prepare(value) {
      const text = clean(value);
      if (text === null) return null;
      const key = keyOf(text);
      if (key.length === 0) return null;
      const xText = latinXAsKh(text);
      const xKey = xText === null ? '' : keyOf(xText);
      return {
        text,
        ...readingOf(text, key),
        xReading: xText === null || xKey.length === 0 ? null : readingOf(xText, xKey),
      };
    },
    compare(a, b) {
      const level = byKeys(a, b);
      return level >= 0 ? level : bySimilarity(a, b, similarityOf(a, b));
    },
    compareAgainst(b, many, out) {
      const pending: number[] = [];
      many.forEach((a, i) => {
        const level = byKeys(a, b);
        if (level >= 0) out[i] = level;
        // Names with two readings are rare: they are compared one at a time.
        else if (a.xReading !== null || b.xReading !== null) {
          out[i] = bySimilarity(a, b, similarityOf(a, b));
        } else pending.push(i);
      });
      const similarities = new Float64Array(pending.length);
      jaroWinklerAgainst(
        b.encoded,
        pending.map((i) => many[i]!.encoded),
        similarities,
      );
      pending.forEach((i, k) => (out[i] = bySimilarity(many[i]!, b, similarities[k]!)));
    },
    termOf: (prepared) => prepared.key,
  };
}

// Dates: a true pair's dates mostly agree; errors swap day and month, change a digit or a year.
// Two persons share a full date of birth about once in 15,000 pairs, a year once in 40.
const DATE_PRIOR: readonly [number, number][] = [
  [0.82, 7e-5],
  [0.02, 1e-3],
  [0.05, 2.5e-3],
  [0.015, 3e-5],
  [0.03, 6e-4],
  [0.01, 1.4e-4],
  [0.015, 0.024],
  [0.02, 0.97],
];
const DATE_EVIDENCE: readonly Evidence[] = [1, 1, 1, 0, 0, 0, 0, -1];

function dateComparison(field: string): Comparison<ComparedDate> {
  return {
    field,
    kind: 'date',
    ...specsOf(
      DATE_LEVELS.map((label, i) => ({
        label,
        code: DATE_LEVEL_CODES[i]!,
        evidence: DATE_EVIDENCE[i]!,
        m: DATE_PRIOR[i]![0],
        u: DATE_PRIOR[i]![1],
      })),
    ),
    exactLevel: 0,
    prepare: (value) => (value === null ? null : readComparedDate(value)),
    compare: compareDates,
    termOf: (prepared) => prepared.digits,
  };
}

/** Cyrillic letters of document series as the Latin letters a clerk copying them writes. */
export const IDENTIFIER_LETTERS: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'b', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'h', о: 'o', п: 'p', р: 'p', с: 'c', т: 't', у: 'y', ф: 'f',
  х: 'x', ц: 'c', ч: 'ch', ш: 'sh', щ: 'sch', ю: 'yu', я: 'ya', є: 'e', ї: 'i',
}; // prettier-ignore

/** What separates the parts of an identifier: left out when identifiers are compared. */
export const IDENTIFIER_SEPARATORS = /[\s\-./№#]/g;

/** An identifier without separators, its Cyrillic series letters as Latin look-alikes. */
export function compactIdentifier(value: string | null): string | null {
  const text = clean(value)?.replace(IDENTIFIER_SEPARATORS, '');
  if (text === undefined || text.length === 0) return null;
  let out = '';
  for (const ch of text) out += IDENTIFIER_LETTERS[ch] ?? ch;
  return out;
}

function identifierComparison(field: string): Comparison<string> {
  return {
    field,
    kind: 'identifier',
    ...specsOf([
      { label: 'exact', code: 'exact', evidence: 1, m: 0.85, u: 1e-5 },
      { label: 'one edit', code: 'one-edit', evidence: 0, m: 0.05, u: 1e-4 },
      { label: 'different', code: 'different', evidence: -1, m: 0.1, u: 0.9999 },
    ]),
    exactLevel: 0,
    prepare: compactIdentifier,
    compare: (a, b) => (a === b ? 0 : isWithinOneEdit(a, b) ? 1 : 2),
    termOf: (prepared) => prepared,
  };
}

function exactComparison(field: string): Comparison<string> {
  return {
    field,
    kind: 'exact',
    ...specsOf([
      { label: 'exact', code: 'exact', evidence: 0, m: 0.98, u: 0.5 },
      { label: 'different', code: 'different', evidence: -1, m: 0.02, u: 0.5 },
    ]),
    exactLevel: 0,
    prepare: clean,
    compare: (a, b) => (a === b ? 0 : 1),
    termOf: (prepared) => prepared,
  };
}

/** The comparison a setting describes. */
export function buildComparison(setting: ComparisonSetting): Comparison {
  switch (setting.kind) {
    case 'name':
    case 'given-name':
    case 'surname':
    case 'patronymic':
      return nameComparison(
        setting.field,
        setting.kind,
        setting.jaroWinklerThresholds ?? [0.92, 0.8],
      );
    case 'date':
      return dateComparison(setting.field);
    case 'identifier':
      return identifierComparison(setting.field);
    case 'tokens':
      return tokenComparison(setting.field, setting.similarityThresholds ?? [0.8, 0.5]);
    case 'exact':
      return exactComparison(setting.field);
  }
}
