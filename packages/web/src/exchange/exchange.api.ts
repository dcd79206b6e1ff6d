import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Body } from '../api/contract.ts';
import type { Move } from '../api/exchange.types.ts';

const M = '/mechanisms/{mechanism}';
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
        await call('get', `${M}/agreements/{agreement}/persons`, {
          params: { mechanism: mechanismId, agreement: agreementId },
        })
      ).items,
  });
}

export function useOpenPaths(mechanismId: string, agreementId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: () =>
      call('post', `${M}/agreements/{agreement}/paths`, {
        params: { mechanism: mechanismId, agreement: agreementId },
      }),
    onSuccess: invalidate,
  });
}

export function useMove(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: async (moves: Move[]) =>
      (await call('post', `${M}/moves`, { params: { mechanism: mechanismId }, json: { moves } }))
        .results,
    onSuccess: invalidate,
  });
}

export function useStages(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'stages'],
    queryFn: async () =>
      (await call('get', `${M}/stages`, { params: { mechanism: mechanismId } })).items,
  });
}

export function useStage(mechanismId: string, stageId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'stage', stageId],
    queryFn: () =>
      call('get', `${M}/stages/{stage}`, { params: { mechanism: mechanismId, stage: stageId } }),
  });
}

export function useProposeStage(mechanismId: string, agreementId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: Body<`${typeof M}/agreements/{agreement}/stages`, 'post'>) =>
      call('post', `${M}/agreements/{agreement}/stages`, {
        params: { mechanism: mechanismId, agreement: agreementId },
        json: input,
      }),
    onSuccess: invalidate,
  });
}

export function useWithdraw(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { personId: string; reason: string }) =>
      call('post', `${M}/persons/{person}/withdrawal`, {
        params: { mechanism: mechanismId, person: input.personId },
        json: { reason: input.reason },
      }),
    onSuccess: invalidate,
  });
}

export function useApproveStage(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (stageId: string) =>
      call('post', `${M}/stages/{stage}/approval`, {
        params: { mechanism: mechanismId, stage: stageId },
      }),
    onSuccess: invalidate,
  });
}

export function useAllowListChange(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { stageId: string; reason: string }) =>
      call('post', `${M}/stages/{stage}/list-override`, {
        params: { mechanism: mechanismId, stage: input.stageId },
        json: { reason: input.reason },
      }),
    onSuccess: invalidate,
  });
}
