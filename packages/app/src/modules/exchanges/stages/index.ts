// Stages at parity: proposed, approved and followed; and the guard that keeps a new list version
// from changing a person in an approved or executing stage unless the mediator lets it.
export { createListChangeGuard, createStageListOverride } from './stage-list-guard.service.ts';
export { createStages } from './stages.service.ts';
export { stageDetail, stageSummary } from './stage-view.ts';
export { stageRoutes } from './stages.routes.ts';
