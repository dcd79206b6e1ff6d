import type { AccessService, Actor } from '../access/index.ts';
import type { Mechanism } from '../mechanisms/index.ts';

/** One account of the demo mechanism: who it is, and the role it holds there. */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: 'mediator' | 'party_officer' | 'neutral_verifier';
  party: string | null;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo-mediator', displayName: 'Demo mediator (TR)', role: 'mediator', party: null },
  {
    username: 'demo-ua-officer',
    displayName: 'Demo officer (UA)',
    role: 'party_officer',
    party: 'UA',
  },
  {
    username: 'demo-ru-officer',
    displayName: 'Demo officer (RU)',
    role: 'party_officer',
    party: 'RU',
  },
  {
    username: 'demo-verifier',
    displayName: 'Demo verifier',
    role: 'neutral_verifier',
    party: null,
  },
];

/** A demo account just created, with its one-time password and authenticator URI. */
export interface CreatedDemoAccount extends DemoAccount {
  password: string;
  totpUri: string;
}

/**
 * Adds the demo mechanism's accounts that are missing, each with a random one-time password and
 * its own second factor, and grants their roles; accounts already there are left as they are.
 */
export async function ensureDemoAccounts(
  access: AccessService,
  actor: Actor,
  mechanism: Mechanism,
): Promise<CreatedDemoAccount[]> {
  const existing = new Set((await access.listUsers(actor)).map((user) => user.username));
  const created: CreatedDemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username)) continue;
    const user = await access.addUser(actor, {
      username: account.username,
      displayName: account.displayName,
      withTotp: true,
    });
    await access.grant(actor, {
      username: account.username,
      mechanism: mechanism.id,
      role: account.role,
      party: account.party,
    });
    created.push({ ...account, password: user.password, totpUri: user.totpUri ?? '' });
  }
  return created;
}
