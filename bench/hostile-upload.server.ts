/**
 * The server the hostile-upload benchmark attacks, in a process of its own so that its peak
 * resident set is its own: an embedded database in memory, a mechanism, and an API token of the
 * UA party officer, who may upload lists. It prints one JSON line: port, token, mechanism.
 */
import { buildApp } from '../packages/app/src/app.ts';
import { SYSTEM_ACTOR } from '../packages/app/src/modules/access/index.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import { openDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices } from '../packages/app/src/services.ts';
import { uploaderToken } from './hostile-upload.token.ts';

const { db } = await openDatabase({ kind: 'pglite-memory' }, { migrate: true });
const services = buildServices({ db, keys: ephemeralDeploymentKeys() });
const app = await buildApp({ services, maxUploadBytes: 50 * 1024 * 1024 });
const mechanism = await services.mechanisms.create(SYSTEM_ACTOR, {
  name: 'hostile uploads',
  parties: ['UA', 'RU'],
  mediators: ['TR'],
});
const token = await uploaderToken(services, mechanism.id);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ port, token, mechanismId: mechanism.id })}\n`);
