import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Role } from '../api/types.ts';

export type InboxKind =
  | 'manifest.sign'
  | 'receipts.sign'
  | 'receipts.issue'
  | 'receipts.confirm'
  | 'persons.step'
  | 'stage.approve'
  | 'pairs.review'
  | 'inquiries.review'
  | 'inquiries.match'
  | 'talks.answer'
  | 'outcomes.released';

/** One thing that waits for the user in one of its roles (GET /api/v1/inbox). */
export interface InboxItem {
  kind: InboxKind;
  mechanismId: string;
  mechanismName: string;
  role: Role;
  party: string | null;
  count: number;
  /** The screen within the role's workspace where it is done. */
  path: string;
  stage?: { number: number; date: string };
  state?: string;
  document?: string;
  point?: string;
  parties?: string[];
  at?: string;
}

export const INBOX_KEY = ['inbox'] as const;

/** What waits for the signed-in user; read again whenever the server tells of a change. */
export function useInbox(isEnabled = true) {
  return useQuery({
    queryKey: INBOX_KEY,
    enabled: isEnabled,
    queryFn: () => api<{ total: number; items: InboxItem[] }>('/inbox'),
    // A change the stream missed (a dropped connection) is caught up with within a minute.
    refetchInterval: 60_000,
  });
}
