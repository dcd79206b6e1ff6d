// What tests and benchmarks of linkage share: generated lists with known pairs, and measures.
export { generatePersonLists, HARD_RATES, TYPICAL_RATES, variedRates } from './person-lists.ts';
export type { ListErrorRates, PersonLists, PersonListsOptions } from './person-lists.ts';
export { calibrationOf, judgedPairs, linkageQuality, separableShare } from './evaluation.ts';
export type { Calibration, LinkageQuality, ReliabilityBin } from './evaluation.ts';
