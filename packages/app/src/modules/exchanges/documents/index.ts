// The exchange's signed documents (a stage's manifest, a person's receipt, a batch of receipts):
// corrected, read as files, signed with registered keys, verified and printed.
export { createManifests } from './manifests.service.ts';
export { manifestFile, manifestRoutes, verificationResponse } from './manifests.routes.ts';
