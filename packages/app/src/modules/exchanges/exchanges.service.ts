import { createExchangeSteps, type ExchangesDeps } from './exchanges.internal.ts';
import { createManifests } from './manifests.service.ts';
import { createOfflineRecords } from './offline-records.service.ts';
import { createOfflineSync } from './offline-sync.service.ts';
import { createPersonFile } from './person-file.service.ts';
import { createPersonPaths } from './person-paths.service.ts';
import { createReceiptBatches } from './receipt-batch.service.ts';
import { createReceiptIssue } from './receipt-issue.service.ts';
import { createReports } from './reports.service.ts';
import { createStageListOverride } from './stage-list-guard.service.ts';
import { createStages } from './stages.service.ts';

export type { ExchangesDeps, Move } from './exchanges.internal.ts';

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
