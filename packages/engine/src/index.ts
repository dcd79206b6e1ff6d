// The record-linkage engine: pure functions, no I/O.

export { detectScript, fixLookalikes } from './normalise/script.ts';
export type { Script } from './normalise/script.ts';
export { normaliseText, stripLatinDiacritics } from './normalise/normalise-text.ts';
export type { NormaliseOptions } from './normalise/normalise-text.ts';

export { transliterate, TRANSLIT_SYSTEMS } from './translit/transliterate.ts';
export type { TranslitSystem } from './translit/transliterate.ts';

export { givenNameKey, lookupGivenName, nameKey, surnameKey } from './names/name-key.ts';
export { patronymicKey } from './names/patronymic.ts';
export { FEMALE_GIVEN_NAMES, GIVEN_NAMES, MALE_GIVEN_NAMES } from './names/given-names.data.ts';
export type { GivenNameEntry, NameSex } from './names/given-names.data.ts';
