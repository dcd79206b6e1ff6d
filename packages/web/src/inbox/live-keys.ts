import type { QueryKey } from '@tanstack/react-query';
import { INBOX_KEY } from './inbox.api.ts';

/** A change the server tells of: something changed in a mechanism's topic (GET /api/v1/events). */
export interface Change {
  mechanism: string;
  topic: string;
}

// The queries that show each topic, by the first parts of their keys (each section's *.api.ts).
const KEYS_OF_TOPIC: Readonly<Record<string, (mechanism: string) => QueryKey[]>> = {
  exchange: (m) => [
    ['exchange', m],
    ['dashboard', m],
  ],
  agreements: (m) => [
    ['agreements', m],
    ['exchange', m],
    ['dashboard', m],
  ],
  reconciliation: (m) => [
    ['reconciliation', m],
    ['outcome-lists', m],
    ['dashboard', m],
  ],
  outcomes: (m) => [['outcome-lists', m]],
  lists: (m) => [
    ['lists', m],
    ['dashboard', m],
  ],
  talks: (m) => [['talks', m]],
  inquiries: (m) => [['inquiries', m]],
  mechanism: () => [['mechanisms']],
};

/** The queries to read again after a change: those of its topic, and the inbox always. */
export function keysOfChange(change: Change): QueryKey[] {
  return [INBOX_KEY, ...(KEYS_OF_TOPIC[change.topic]?.(change.mechanism) ?? [])];
}
