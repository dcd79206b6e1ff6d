// The reconciliation module's pure surface: how a list line becomes the engine's record, and the
// run settings, for other modules' pure code that links persons the same way (inquiries).
export { toLinkRecord } from './person-record.ts';
export type { RunSettings } from './reconcile-lists.ts';
