import { createManifests } from './documents/index.ts';
import { createOfflineRecords, createOfflineSync } from './offline/index.ts';
import { createPersonFile, createPersonPaths } from './paths/index.ts';
import { createReceiptBatches, createReceiptIssue } from './receipts/index.ts';
import { createReports } from './reports/index.ts';
import { createExchangeSteps, type ExchangesDeps } from './shared/index.ts';
import { createStageListOverride, createStages } from './stages/index.ts';

export type { ExchangesDeps, Move } from './shared/index.ts';

/**
 * From agreement to handover: each person's path, stages at parity, and manifests that each
 * party officer and the mediator sign with their own keys.
 */
export function createExchangesService(deps: ExchangesDeps) {
  const steps = createExchangeSteps(deps);
  const manifests = createManifests(deps, steps);
  const receiptIssue = createReceiptIssue(deps);
  return {
    ...createPersonPaths(deps, steps),
    ...createPersonFile(deps),
    ...createStages(deps, steps),
    ...createStageListOverride(deps),
    ...manifests,
    ...receiptIssue,
    ...createReceiptBatches(deps),
    ...createReports(deps),
    ...createOfflineRecords(deps),
    ...createOfflineSync(deps, steps, {
      signManifest: manifests.signManifest.bind(manifests),
      issueStageReceipts: (actor, input) => receiptIssue.issueStageReceipts(actor, input),
    }),
  };
}

export type ExchangesService = ReturnType<typeof createExchangesService>;
