import { createAccessService } from './modules/access/index.ts';
import { createAgreementsService, createEligibilityService } from './modules/agreements/index.ts';
import { createAuditLog } from './modules/audit/index.ts';
import { createDashboardService } from './modules/dashboard/index.ts';
import {
  createFamilyStatusService,
  createInquiriesService,
  createInquiryMatching,
  createInquiryDataProtection,
  createInquiryFigures,
  createSamePersonReview,
} from './modules/inquiries/index.ts';
import { changesOfJob, createInboxService } from './modules/inbox/index.ts';
import { createMechanismsService } from './modules/mechanisms/index.ts';
import { createRegistryService } from './modules/registry/index.ts';
import { createRetentionService } from './modules/retention/index.ts';
import { createOutcomeLists, createReconciliationService } from './modules/reconciliation/index.ts';
import { createJobRunner, type JobRunnerOptions } from './platform/jobs/job-runner.ts';
import {
  createExchangesService,
  createListChangeGuard,
  createReceiptsService,
  createRemainsService,
  createSigningKeysService,
} from './modules/exchanges/index.ts';
import {
  createCeasefiresService,
  createDocumentsService,
  createTalksService,
} from './modules/talks/index.ts';
import type { DeploymentKeys } from './platform/crypto/deployment-keys.ts';
import { isEmbedded, type Database } from './platform/db/kysely.ts';
import { rateLimitStore } from './platform/http/rate-limit-store.ts';
import { createChangeRelay } from './platform/events/change-relay.ts';
import type { AuditEvent } from './modules/audit/index.ts';

export interface ServiceDeps {
  db: Database;
  keys: DeploymentKeys;
  clock?: () => Date;
  /** Told of a background job that failed; the job has recorded its failure already. */
  onJobError?: (job: string, error: unknown) => void;
  /** The background jobs' lease and polling (platform/jobs); tests shorten them. */
  jobOptions?: Pick<JobRunnerOptions, 'leaseMs' | 'pollMs' | 'instance'>;
  /** Bytes of list pages' answers kept in memory (registry/page-cache.ts); 0 keeps none. */
  pageCacheBytes?: number;
  /** Told of each audited event (the command line tells the servers of its writes from them). */
  onAudited?: (event: AuditEvent) => void;
}

/** Wires the modules' services over one database, as the server, the CLI and the tests use them. */
export function buildServices({
  db,
  keys,
  clock,
  onJobError = () => {},
  jobOptions = {},
  pageCacheBytes,
  onAudited,
}: ServiceDeps) {
  // What the background jobs change, told to the pages that follow it once the server connects.
  const changes = createChangeRelay();
  const onEnd = (key: string) => {
    for (const change of changesOfJob(key)) changes.tell(change);
  };
  // Jobs are claimed through the database, so that instances on one PostgreSQL share them.
  const jobs = createJobRunner(onJobError, {
    db,
    soleProcess: isEmbedded(db),
    onEnd,
    ...jobOptions,
  });
  const audit = createAuditLog({
    db,
    keys,
    ...(clock ? { clock } : {}),
    ...(onAudited ? { onRecorded: onAudited } : {}),
  });
  const mechanisms = createMechanismsService({ db, audit });
  const registry = createRegistryService({
    db,
    mechanisms,
    audit,
    versionGuard: createListChangeGuard(),
    ...(pageCacheBytes === undefined ? {} : { pageCache: { maxBytes: pageCacheBytes } }),
  });
  const access = createAccessService({ db, audit, mechanisms, ...(clock ? { clock } : {}) });
  const agreements = createAgreementsService({ db, mechanisms, audit });
  const eligibility = createEligibilityService({ db, mechanisms, agreements, registry, audit });
  const retention = createRetentionService({ db, audit, ...(clock ? { clock } : {}) });
  const reconciliation = createReconciliationService({
    db,
    mechanisms,
    registry,
    audit,
    jobs,
    ...(clock ? { clock } : {}),
  });
  const matching = createInquiryMatching({
    db,
    mechanisms,
    registry,
    audit,
    jobs: createJobRunner(onJobError, { onEnd }),
    clock: clock ?? (() => new Date()),
  });
  // A new held list: the other parties' open inquiries are matched against it in the background.
  registry.onVersionKept((kept) => {
    if (kept.kind === 'held') matching.rematchLater(kept.mechanismId, kept.party, kept.parties);
  });
  const exchanges = createExchangesService({
    db,
    mechanisms,
    agreements,
    eligibility,
    reconciliation,
    registry,
    audit,
    ...(clock ? { clock } : {}),
    onPersonsMoved: (mechanismId) => matching.restateLater(mechanismId),
  });
  return {
    jobs,
    changes,
    /** The HTTP rate limits' counters: some shared by instances through the database. */
    rateLimits: rateLimitStore(db),
    audit,
    mechanisms,
    registry,
    access,
    retention,
    agreements,
    eligibility,
    reconciliation,
    outcomeLists: createOutcomeLists({ db, mechanisms, registry, audit }),
    exchanges,
    remains: createRemainsService({ db, mechanisms, audit }),
    receipts: createReceiptsService({ db, mechanisms, registry, audit }),
    signingKeys: createSigningKeysService({ db, mechanisms, audit, ...(clock ? { clock } : {}) }),
    dashboard: createDashboardService({
      db,
      mechanisms,
      agreements,
      reconciliation,
      ...(clock ? { clock } : {}),
    }),
    inbox: createInboxService({ db, mechanisms, ...(clock ? { clock } : {}) }),
    talks: createTalksService({ db, mechanisms, audit }),
    documents: createDocumentsService({ db, mechanisms, audit }),
    ceasefires: createCeasefiresService({ db, mechanisms, audit, ...(clock ? { clock } : {}) }),
    inquiryMatching: matching,
    inquiries: createInquiriesService({
      db,
      mechanisms,
      registry,
      audit,
      matching,
      clock: clock ?? (() => new Date()),
      onMatchingError: (error) => onJobError('inquiries:match-new', error),
    }),
    samePersonReview: createSamePersonReview({
      db,
      mechanisms,
      audit,
      clock: clock ?? (() => new Date()),
    }),
    inquiryDataProtection: createInquiryDataProtection({
      db,
      mechanisms,
      audit,
      clock: clock ?? (() => new Date()),
    }),
    inquiryFigures: createInquiryFigures({ db, mechanisms, clock: clock ?? (() => new Date()) }),
    familyStatus: createFamilyStatusService({
      db,
      mechanisms,
      audit,
      clock: clock ?? (() => new Date()),
    }),
  };
}

export type Services = ReturnType<typeof buildServices>;
