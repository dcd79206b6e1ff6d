import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { Body, Item } from '../api/contract.ts';
import type {
  MoveResult,
  PathPerson,
  PersonState,
  StageDetail,
  StageProposal,
  StageSummary,
} from '../api/exchange.types.ts';

const m = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}`;
const key = (mechanismId: string) => ['exchange', mechanismId] as const;

function useInvalidate(mechanismId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key(mechanismId) });
}

export function usePersons(mechanismId: string, agreementId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'persons', agreementId],
    queryFn: async () =>
      (
        await api<{ items: PathPerson[] }>(
          `${m(mechanismId)}/agreements/${seg(agreementId)}/persons`,
        )
      ).items,
  });
}

export function useOpenPaths(mechanismId: string, agreementId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: () =>
      api<{ eligible: number; added: number }>(
        `${m(mechanismId)}/agreements/${seg(agreementId)}/paths`,
        { method: 'POST' },
      ),
    onSuccess: invalidate,
  });
}

/** A move, to a state as the web names it (the server refuses one it does not take). */
export type Move = Omit<Item<Body<'/mechanisms/{mechanism}/moves', 'post'>['moves']>, 'to'> & {
  to: PersonState;
};

export function useMove(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: async (moves: Move[]) =>
      (
        await api<{ results: MoveResult[] }>(`${m(mechanismId)}/moves`, {
          method: 'POST',
          json: { moves },
        })
      ).results,
    onSuccess: invalidate,
  });
}

export function useStages(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'stages'],
    queryFn: async () => (await api<{ items: StageSummary[] }>(`${m(mechanismId)}/stages`)).items,
  });
}

export function useStage(mechanismId: string, stageId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'stage', stageId],
    queryFn: () => api<StageDetail>(`${m(mechanismId)}/stages/${seg(stageId)}`),
  });
}

export function useProposeStage(mechanismId: string, agreementId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { place: string; date: string; size?: number }) =>
      api<StageProposal>(`${m(mechanismId)}/agreements/${seg(agreementId)}/stages`, {
        method: 'POST',
        json: input,
      }),
    onSuccess: invalidate,
  });
}

export function useWithdraw(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { personId: string; reason: string }) =>
      api<{ withdrawn: string; replacement: string | null }>(
        `${m(mechanismId)}/persons/${seg(input.personId)}/withdrawal`,
        { method: 'POST', json: { reason: input.reason } },
      ),
    onSuccess: invalidate,
  });
}

export function useApproveStage(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (stageId: string) =>
      api<{ manifestId: string; hash: string; persons: number }>(
        `${m(mechanismId)}/stages/${seg(stageId)}/approval`,
        { method: 'POST' },
      ),
    onSuccess: invalidate,
  });
}

export function useAllowListChange(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { stageId: string; reason: string }) =>
      api<{ stageId: string; number: number; allowedAt: string }>(
        `${m(mechanismId)}/stages/${seg(input.stageId)}/list-override`,
        { method: 'POST', json: { reason: input.reason } },
      ),
    onSuccess: invalidate,
  });
}
