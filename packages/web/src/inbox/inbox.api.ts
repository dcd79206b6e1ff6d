import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** One thing that waits for the user in one of its roles (GET /api/v1/inbox). */
export type InboxItem = Item<Answer<'/inbox'>['items']>;
export type InboxKind = InboxItem['kind'];

export const INBOX_KEY = ['inbox'] as const;

/** What waits for the signed-in user; read again whenever the server tells of a change. */
export function useInbox(isEnabled = true) {
  return useQuery({
    queryKey: INBOX_KEY,
    enabled: isEnabled,
    queryFn: () => call('get', '/inbox'),
    // A change the stream missed (a dropped connection) is caught up with within a minute.
    refetchInterval: 60_000,
  });
}
