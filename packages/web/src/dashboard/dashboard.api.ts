import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** GET /mechanisms/:id/dashboard. */
export type Dashboard = Answer<'/mechanisms/{mechanism}/dashboard'>;
export type Count = Item<Dashboard['persons']['byState']>;
export type SeriesPoint = Item<Dashboard['series']['byState']>;
export type DisputeKind = Item<Dashboard['disputes']>['kind'];
export type Activity = Item<Dashboard['activity']>;
export type NextStage = Item<Dashboard['nextStages']>;

export function useDashboard(mechanismId: string) {
  return useQuery({
    queryKey: ['dashboard', mechanismId],
    queryFn: () =>
      call('get', '/mechanisms/{mechanism}/dashboard', { params: { mechanism: mechanismId } }),
    // A dashboard left open keeps up with the exchange.
    refetchInterval: 60_000,
  });
}
