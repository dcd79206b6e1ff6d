import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, seg } from '../api/client.ts';
import type { Pair, PairsPage, ReconciliationStatus } from '../api/types.ts';

const base = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/reconciliation`;
const key = (mechanismId: string) => ['reconciliation', mechanismId] as const;

const isActive = (status: ReconciliationStatus | undefined) =>
  status?.latest?.status === 'queued' || status?.latest?.status === 'running';

/** The latest run and the latest finished run's summary; polled while a run is under way. */
export function useReconciliation(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'status'],
    queryFn: () => api<ReconciliationStatus>(base(mechanismId)),
    refetchInterval: (q) => (isActive(q.state.data) ? 1000 : false),
  });
}

export function useStartRun(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ runId: string }>(base(mechanismId), { method: 'POST', json: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

/** The review queue: open pairs, reopened ones first, then by weight. */
export function useOpenPairs(mechanismId: string, offset: number) {
  return useQuery({
    queryKey: [...key(mechanismId), 'pairs', 'open', offset],
    queryFn: () =>
      api<PairsPage>(`${base(mechanismId)}/pairs${query({ status: 'open', offset, limit: 1 })}`),
  });
}

export function useDecide(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { pairId: string; decision: 'confirmed' | 'rejected'; reason?: string }) =>
      api<Pair>(`${base(mechanismId)}/pairs/${seg(input.pairId)}/decision`, {
        method: 'POST',
        json: { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}) },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}
