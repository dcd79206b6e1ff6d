import { useQuery } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { Parity } from '../api/exchange.types.ts';

export interface Count {
  party: string;
  key: string;
  count: number;
}

export interface SeriesPoint {
  at: string;
  counts: Record<string, number>;
}

export type DisputeKind = 'not_acknowledged' | 'data_mismatch' | 'refuses_return' | 'not_cleared';

export interface Activity {
  seq: number;
  at: string;
  actor: string;
  action: string;
  party?: string;
  kind?: string;
  number?: number;
  to?: string;
  count?: number;
}

export interface NextStage {
  id: string;
  agreementId: string;
  agreementName: string;
  number: number;
  place: string;
  date: string;
  status: string;
  bySide: Record<string, number>;
  isBalanced: boolean;
  /** False under all for all, which asks no parity. */
  isParityRequired: boolean;
}

/** GET /mechanisms/:id/dashboard, as /docs/json describes it. */
export interface Dashboard {
  mechanism: { id: string; name: string; parties: string[] };
  viewer: {
    sides: string[];
    seesWish: boolean;
    readsExchange: boolean;
    readsReconciliation: boolean;
  };
  generatedAt: string;
  /** Each category id's name in its agreement's latest terms. */
  categoryNames: Record<string, string>;
  persons: { byState: Count[]; byCategory: Count[] };
  series: { byState: SeriesPoint[]; byCategory: SeriesPoint[] };
  parity: Array<Parity & { agreementId: string; name: string }>;
  disputes: Array<{ kind: DisputeKind; party: string; count: number }>;
  nextStages: NextStage[];
  activity: Activity[];
}

export function useDashboard(mechanismId: string) {
  return useQuery({
    queryKey: ['dashboard', mechanismId],
    queryFn: () => api<Dashboard>(`/mechanisms/${seg(mechanismId)}/dashboard`),
    // A dashboard left open keeps up with the exchange.
    refetchInterval: 60_000,
  });
}
