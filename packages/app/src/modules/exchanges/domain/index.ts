// The exchanges module's pure surface, for other modules' pure code (the dashboard's figures):
// where a person stands on the path, as each party may see it, and the parity of a stage.
export { countsForStage, stateSeenByParty, type PersonState } from './person-path.ts';
export { checkParity, type ParityReport } from './stage-plan.ts';
