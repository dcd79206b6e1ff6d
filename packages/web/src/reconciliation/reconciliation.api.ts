import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Body } from '../api/contract.ts';
import type { ReconciliationStatus } from '../api/types.ts';

const R = '/mechanisms/{mechanism}/reconciliation';
const key = (mechanismId: string) => ['reconciliation', mechanismId] as const;

const isActive = (status: ReconciliationStatus | undefined) =>
  status?.latest?.status === 'queued' || status?.latest?.status === 'running';

/** The latest run and the latest finished run's summary; polled while a run is under way. */
export function useReconciliation(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'status'],
    queryFn: () => call('get', R, { params: { mechanism: mechanismId } }),
    refetchInterval: (q) => (isActive(q.state.data) ? 1000 : false),
  });
}

export function useStartRun(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('post', R, { params: { mechanism: mechanismId }, json: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

/** The review queue: open pairs, reopened ones first, then by weight. */
export function useOpenPairs(mechanismId: string, offset: number) {
  return useQuery({
    queryKey: [...key(mechanismId), 'pairs', 'open', offset],
    queryFn: () =>
      call('get', `${R}/pairs`, {
        params: { mechanism: mechanismId },
        query: { status: 'open', offset, limit: 1 },
      }),
  });
}

type Decision = Body<`${typeof R}/pairs/{pair}/decision`, 'post'>;
export function useDecide(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pairId, decision, reason }: Decision & { pairId: string }) =>
      call('post', `${R}/pairs/{pair}/decision`, {
        params: { mechanism: mechanismId, pair: pairId },
        json: { decision, ...(reason ? { reason } : {}) },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}
