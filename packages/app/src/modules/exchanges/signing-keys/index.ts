// Signing keys: the public halves of the Ed25519 keys people sign manifests and receipts with,
// registered per mechanism, listed for whoever verifies, revoked by an admin.
export { createSigningKeysService, type SigningKeysService } from './signing-keys.service.ts';
export { signingKeyRoutes } from './signing-keys.routes.ts';
export * as signingKeyRecords from './signing-keys.repository.ts';
