import { PERMISSIONS, type Grant, type Permission } from '@parley/kernel/access';

/** The parts of a mechanism that a change is told for, each read under one permission. */
export const TOPIC_PERMISSION = {
  exchange: 'exchange.read',
  agreements: 'agreement.read',
  reconciliation: 'reconciliation.read',
  outcomes: 'outcomes.read',
  lists: 'list.versions',
  talks: 'talks.read',
  inquiries: 'inquiry.read',
  mechanism: 'mechanism.read',
} as const satisfies Record<string, Permission>;

export type Topic = keyof typeof TOPIC_PERMISSION;

// The first segment after /mechanisms/:mechanism/ of a route, and the topic it writes to.
const TOPIC_OF_SECTION: Readonly<Record<string, Topic>> = {
  stages: 'exchange',
  manifests: 'exchange',
  persons: 'exchange',
  moves: 'exchange',
  remains: 'exchange',
  keys: 'exchange',
  agreements: 'agreements',
  eligibility: 'agreements',
  reconciliation: 'reconciliation',
  'outcome-lists': 'outcomes',
  lists: 'lists',
  talks: 'talks',
  inquiries: 'inquiries',
};

const MECHANISM_ROUTE = /^\/api\/v1\/mechanisms\/:mechanism(?:\/([^/]+)(\/.*)?)?$/;

/**
 * The topic that a write through a route changes, from the route's pattern: an agreement's paths
 * and stages are the exchange's. Null for a route outside a mechanism.
 */
export function topicOfRoute(url: string): Topic | null {
  const match = MECHANISM_ROUTE.exec(url);
  if (!match) return null;
  const [, section = '', rest = ''] = match;
  if (section === 'agreements' && /^\/:agreement\/(paths|stages|persons)/.test(rest))
    return 'exchange';
  return TOPIC_OF_SECTION[section] ?? 'mechanism';
}

/**
 * Whether a holder of these grants is told of a change: a grant in its mechanism whose role holds
 * the topic's permission, and for a party's own compartment, that party.
 */
export function mayHear(
  grants: readonly Grant[],
  change: { mechanism: string; topic: string; party?: string },
): boolean {
  const permission = (TOPIC_PERMISSION as Record<string, Permission | undefined>)[change.topic];
  if (!permission) return false;
  const roles: Partial<Record<string, 'own' | 'any'>> = PERMISSIONS[permission].roles;
  return grants.some((grant) => {
    const scope = roles[grant.role];
    if (grant.mechanismId !== change.mechanism || !scope) return false;
    return scope === 'any' || change.party === undefined || grant.party === change.party;
  });
}

// The first segment of an audit action (`exchange.move`), and the topic its write changes.
const TOPIC_OF_MODULE: Readonly<Record<string, Topic>> = {
  exchange: 'exchange',
  remains: 'exchange',
  agreement: 'agreements',
  eligibility: 'agreements',
  reconciliation: 'reconciliation',
  list: 'lists',
  talks: 'talks',
  inquiry: 'inquiries',
  mechanism: 'mechanism',
  access: 'mechanism',
};

// Audited steps that write nothing a page shows: reads of personal data, exports, previews.
const READS = new Set(['read', 'export', 'diff', 'preview', 'letter']);

/**
 * The topic an audited action changes, for the writes made outside the HTTP routes (the command
 * line); null for a read or an action no page follows.
 */
export function topicOfAction(action: string): Topic | null {
  const [module = '', ...rest] = action.split('.');
  if (rest.some((part) => READS.has(part))) return null;
  return TOPIC_OF_MODULE[module] ?? null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const TOPIC_OF_JOB: Readonly<Record<string, readonly Topic[]>> = {
  // A run's result: the pairs to review, and the outcome counts drawn from them.
  reconciliation: ['reconciliation', 'outcomes'],
  inquiries: ['inquiries'],
};

/**
 * What a background job that ended changed, from its key (`reconciliation:<mechanism id>`,
 * `inquiries:<mechanism id>:...`): the mechanism and its topics; none for a key without them.
 */
export function changesOfJob(key: string): Array<{ mechanism: string; topic: Topic }> {
  const mechanism = UUID.exec(key)?.[0]?.toLowerCase();
  const topics = TOPIC_OF_JOB[key.split(':')[0] ?? ''];
  if (!mechanism || !topics) return [];
  return topics.map((topic) => ({ mechanism, topic }));
}
