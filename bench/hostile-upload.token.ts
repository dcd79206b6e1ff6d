import { SYSTEM_ACTOR } from '../packages/app/src/modules/access/index.ts';
import type { Services } from '../packages/app/src/services.ts';

/** An API token of a service account that is the UA party officer of the mechanism. */
export async function uploaderToken(services: Services, mechanismId: string): Promise<string> {
  const username = 'uploader';
  await services.access.addServiceAccount(SYSTEM_ACTOR, { username });
  const grant = { mechanism: mechanismId, role: 'party_officer', party: 'UA' } as const;
  await services.access.grant(SYSTEM_ACTOR, { username, ...grant });
  const { token } = await services.access.createToken(SYSTEM_ACTOR, {
    username,
    ...grant,
    name: 'bench',
    days: 1,
  });
  return token;
}
