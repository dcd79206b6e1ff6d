import type { Migration } from 'kysely';
import * as registry from './0001-registry.ts';
import * as audit from './0002-audit.ts';
import * as access from './0003-access.ts';
import * as rowSecurity from './0004-row-security.ts';
import * as breakGlassRetention from './0005-break-glass-retention.ts';
import * as agreements from './0007-agreements.ts';
import * as reconciliation from './0006-reconciliation.ts';
import * as exchanges from './0008-exchanges.ts';
import * as remains from './0009-remains.ts';
import * as talks from './0010-talks.ts';
import * as lineOrder from './0011-line-order.ts';
import * as auditMerkle from './0012-audit-merkle.ts';
import * as partyRowPolicies from './0013-party-row-policies.ts';
import * as accountHardening from './0014-account-hardening.ts';
import * as pairEvidence from './0015-pair-evidence.ts';
import * as auditActionIndex from './0016-audit-action-index.ts';
import * as lineSearch from './0017-line-search.ts';
import * as backgroundJobs from './0018-background-jobs.ts';
import * as sharedRateLimits from './0019-shared-rate-limits.ts';
import * as inquiries from './0020-inquiries.ts';
import * as exchangeDay from './0021-exchange-day.ts';
import * as outcomeReleases from './0022-outcome-releases.ts';
import * as inquiryFamilyCodes from './0024-inquiry-family-codes.ts';
import * as talksTranslations from './0025-talks-translations.ts';
import * as inquiryDataProtection from './0026-inquiry-data-protection.ts';
import * as offlineHandover from './0028-offline-handover.ts';
import * as lineNameKey from './0029-line-name-key.ts';
import * as settleLines from './0030-settle-lines.ts';

/** Every migration, in order; listed in code so that they run the same from source and in tests. */
export const migrations: Record<string, Migration> = {
  '0001-registry': registry,
  '0002-audit': audit,
  '0003-access': access,
  '0004-row-security': rowSecurity,
  '0005-break-glass-retention': breakGlassRetention,
  '0006-reconciliation': reconciliation,
  '0007-agreements': agreements,
  '0008-exchanges': exchanges,
  '0009-remains': remains,
  '0010-talks': talks,
  '0011-line-order': lineOrder,
  '0012-audit-merkle': auditMerkle,
  '0013-party-row-policies': partyRowPolicies,
  '0014-account-hardening': accountHardening,
  '0015-pair-evidence': pairEvidence,
  '0016-audit-action-index': auditActionIndex,
  '0017-line-search': lineSearch,
  '0018-background-jobs': backgroundJobs,
  '0019-shared-rate-limits': sharedRateLimits,
  '0020-inquiries': inquiries,
  '0021-exchange-day': exchangeDay,
  '0022-outcome-releases': outcomeReleases,
  '0024-inquiry-family-codes': inquiryFamilyCodes,
  '0025-talks-translations': talksTranslations,
  '0026-inquiry-data-protection': inquiryDataProtection,
  '0028-offline-handover': offlineHandover,
  '0029-line-name-key': lineNameKey,
  '0030-settle-lines': settleLines,
};
