// The handover point's offline work, synchronised: each action applied once, signed records kept.
export { createOfflineSync } from './offline-sync.service.ts';
export { offlineSyncRoutes } from './offline-sync.routes.ts';
export { createOfflineRecords } from './offline-records.service.ts';
export { offlineRecordRoutes } from './offline-records.routes.ts';
