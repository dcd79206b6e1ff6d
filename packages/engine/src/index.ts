// The record-linkage engine: pure functions, no I/O.

export { detectScript, fixLookalikes } from './normalise/script.ts';
export type { Script } from './normalise/script.ts';
export { normaliseText, stripLatinDiacritics } from './normalise/normalise-text.ts';
export type { NormaliseOptions } from './normalise/normalise-text.ts';

export { transliterate, TRANSLIT_SYSTEMS } from './translit/transliterate.ts';
export type { TranslitSystem } from './translit/transliterate.ts';

export {
  givenNameKey,
  lookupGivenName,
  nameKey,
  surnameFormKey,
  surnameKey,
} from './names/name-key.ts';
export { patronymicKey } from './names/patronymic.ts';
export {
  FEMALE_GIVEN_NAMES,
  formsOf,
  GIVEN_NAMES,
  MALE_GIVEN_NAMES,
} from './names/given-names.data.ts';
export type { GivenNameEntry, NameSex } from './names/given-names.data.ts';

export {
  encodeText,
  jaro,
  jaroEncoded,
  jaroWinkler,
  jaroWinklerAgainst,
  jaroWinklerEncoded,
} from './compare/jaro-winkler.ts';
export type { EncodedText } from './compare/jaro-winkler.ts';
export { levelOf, MISSING } from './compare/levels.ts';
export type { ComparatorKind, Comparison } from './compare/levels.ts';
export { buildComparison, compactIdentifier, IDENTIFIER_LETTERS } from './compare/comparators.ts';
export type { ComparisonSetting } from './compare/comparators.ts';
export { compareDates, DATE_LEVELS, readComparedDate } from './compare/dates.ts';
export type { ComparedDate } from './compare/dates.ts';
export { hammingDistance, isWithinOneEdit } from './compare/edits.ts';
export { prepareTokens, wordSimilarity } from './compare/tokens.ts';
export { blocksOf, candidatePairs, fieldsRule } from './block/blocking.ts';
export type {
  BlockingJob,
  BlockingRule,
  BlockingRunner,
  CandidatePairs,
  RuleBlocks,
  RuleReport,
} from './block/blocking.ts';
export { candidateCompleteness, pairsCompleteness } from './block/completeness.ts';
export type { PairsCompleteness } from './block/completeness.ts';
export { estimateU, trainM } from './train/em.ts';
export type { FieldParameters, TrainedModel } from './train/em.ts';
export { randomPairs, seededRandom } from './train/random.ts';
export { probabilityOf } from './score/score.ts';
export type { Contribution } from './score/score.ts';
export { assignOneToOne } from './cluster/one-to-one.ts';
export { connectedComponents } from './cluster/components.ts';
export { dedupeList, dedupeListInParallel, linkLists, linkListsInParallel } from './link/link.ts';
export {
  duplicatesInPrepared,
  linkAgainstPrepared,
  linkAndPrepare,
  prepareList,
  prepareListInSteps,
} from './link/prepared.ts';
export type { KeyBlocks, PreparedList } from './link/prepared.ts';
export type { DedupeResult, LinkedPair, LinkResult } from './link/link.ts';
export type { BlockingReport, ParallelRunOptions, RunOptions } from './link/pipeline.ts';
export { runComparisonJob } from './compare/comparison-job.ts';
export type { ComparisonJob, ComparisonRunner } from './compare/comparison-job.ts';
export type { EncodedColumn, EncodedColumns } from './compare/vectors.ts';
export type { LinkRecord, LinkSettings } from './link/settings.ts';
export { personListSettings } from './link/person-settings.ts';
