import { givenNameKey, nameKey, surnameKey } from '../names/name-key.ts';
import { normaliseText } from '../normalise/normalise-text.ts';
import { compareDates, DATE_LEVELS, parsePartialDate, type PartialDate } from './dates.ts';
import { isWithinOneEdit } from './edits.ts';
import { encodeText, type EncodedText, jaroWinklerEncoded } from './jaro-winkler.ts';
import type { ComparatorKind, Comparison } from './levels.ts';
import { tokenComparison } from './tokens.ts';

/** How one field is compared: the settings a user writes. */
export interface ComparisonSetting {
  readonly field: string;
  readonly kind: ComparatorKind;
  /** Names: Jaro–Winkler thresholds, highest first (default 0.92, 0.8). */
  readonly jaroWinklerThresholds?: readonly number[];
  /** Tokens: word-similarity thresholds, highest first (default 0.8, 0.5). */
  readonly similarityThresholds?: readonly number[];
  /** Adjust exact agreement by how common the value is (Splink's term-frequency adjustment). */
  readonly termFrequency?: boolean;
}

const clean = (value: string | null): string | null => {
  if (value === null) return null;
  const text = normaliseText(value, { stripDiacritics: true });
  return text.length === 0 ? null : text;
};

interface PreparedName {
  readonly text: string;
  readonly key: string;
  readonly encoded: EncodedText;
}

const NAME_KEYS: Record<string, (text: string) => string> = {
  name: nameKey,
  'given-name': givenNameKey,
  surname: surnameKey,
};

function isInitialOf(initial: string, name: string): boolean {
  const letter = initial.endsWith('.') ? initial.slice(0, -1) : initial;
  return letter.length === 1 && name.startsWith(letter);
}

function nameComparison(
  field: string,
  kind: 'name' | 'given-name' | 'surname',
  thresholds: readonly number[],
): Comparison<PreparedName> {
  const keyOf = NAME_KEYS[kind] ?? nameKey;
  const jwLevels = thresholds.map((t) => `Jaro-Winkler ≥ ${t}`);
  const initialLevel = 2 + thresholds.length;
  // Names repeat across records; their keys are costly, so each distinct name is keyed once.
  const keys = new Map<string, string>();
  return {
    field,
    kind,
    levels: ['exact', 'equivalent (same name key)', ...jwLevels, 'initial only', 'different'],
    exactLevel: 0,
    prepare(value) {
      const text = clean(value);
      if (text === null) return null;
      let key = keys.get(text);
      if (key === undefined) {
        key = keyOf(text);
        keys.set(text, key);
      }
      return { text, key, encoded: encodeText(text) };
    },
    compare(a, b) {
      if (a.text === b.text) return 0;
      if (a.key.length > 0 && a.key === b.key) return 1;
      const similarity = jaroWinklerEncoded(a.encoded, b.encoded);
      for (let i = 0; i < thresholds.length; i++) if (similarity >= thresholds[i]!) return 2 + i;
      if (isInitialOf(a.text, b.text) || isInitialOf(b.text, a.text)) return initialLevel;
      return initialLevel + 1;
    },
    termOf: (prepared) => prepared.text,
  };
}

function dateComparison(field: string): Comparison<PartialDate> {
  return {
    field,
    kind: 'date',
    levels: DATE_LEVELS,
    exactLevel: 0,
    prepare: (value) => (value === null ? null : parsePartialDate(value)),
    compare: compareDates,
    termOf: (prepared) => prepared.digits,
  };
}

const compactIdentifier = (value: string | null): string | null => {
  const text = clean(value)?.replace(/[\s\-./]/g, '');
  return text === undefined || text.length === 0 ? null : text;
};

function identifierComparison(field: string): Comparison<string> {
  return {
    field,
    kind: 'identifier',
    levels: ['exact', 'one edit', 'different'],
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
    levels: ['exact', 'different'],
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
