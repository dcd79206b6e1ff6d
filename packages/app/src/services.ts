import { createAccessService } from './modules/access/index.ts';
import { createAgreementsService, createEligibilityService } from './modules/agreements/index.ts';
import { createAuditLog } from './modules/audit/index.ts';
import { createDashboardService } from './modules/dashboard/index.ts';
import { createMechanismsService } from './modules/mechanisms/index.ts';
import { createRegistryService } from './modules/registry/index.ts';
import { createRetentionService } from './modules/retention/index.ts';
import { createReconciliationService } from './modules/reconciliation/index.ts';
import { createJobRunner } from './platform/jobs/job-runner.ts';
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
import type { Database } from './platform/db/kysely.ts';

export interface ServiceDeps {
  db: Database;
  keys: DeploymentKeys;
  clock?: () => Date;
  /** Told of a background job that failed; the job has recorded its failure already. */
  onJobError?: (job: string, error: unknown) => void;
}

/** Wires the modules' services over one database, as the server, the CLI and the tests use them. */
export function buildServices({ db, keys, clock, onJobError = () => {} }: ServiceDeps) {
  const audit = createAuditLog({ db, keys, ...(clock ? { clock } : {}) });
  const mechanisms = createMechanismsService({ db, audit });
  const registry = createRegistryService({
    db,
    mechanisms,
    audit,
    versionGuard: createListChangeGuard(),
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
    jobs: createJobRunner(onJobError),
    ...(clock ? { clock } : {}),
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
  });
  return {
    audit,
    mechanisms,
    registry,
    access,
    retention,
    agreements,
    eligibility,
    reconciliation,
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
    talks: createTalksService({ db, mechanisms, audit }),
    documents: createDocumentsService({ db, mechanisms, audit }),
    ceasefires: createCeasefiresService({ db, mechanisms, audit, ...(clock ? { clock } : {}) }),
  };
}

export type Services = ReturnType<typeof buildServices>;
