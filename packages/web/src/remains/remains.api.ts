import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, seg } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';
import type { BagState, BatchState } from '../reports/report-view.ts';

export type RemainsOverview = Answer<'/mechanisms/{mechanism}/remains'>;
export type Batch = Item<RemainsOverview['batches']>;
export type Bag = Item<Batch['bags']>;

const path = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/remains`;

/** Under the exchange's key, so that the reports refresh with every change to the remains. */
const key = (mechanismId: string) => ['exchange', mechanismId, 'remains'] as const;

function useInvalidate(mechanismId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['exchange', mechanismId] });
}

export function useRemains(mechanismId: string) {
  return useQuery({
    queryKey: key(mechanismId),
    queryFn: () => api<RemainsOverview>(path(mechanismId)),
  });
}

export function useOfferBatch(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: {
      from: string;
      label: string;
      bags: Array<{ label: string; bodies: number }>;
    }) =>
      api<{ id: string; bags: number; bodies: number }>(path(mechanismId), {
        method: 'POST',
        json: input,
      }),
    onSuccess: invalidate,
  });
}

/** Offers a batch whose bags are in a CSV or XLSX file (columns label and bodies). */
export function useOfferBatchFile(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { from: string; label: string; file: File }) => {
      const form = new FormData();
      form.append('file', input.file);
      return api<{ id: string; bags: number; bodies: number }>(
        `${path(mechanismId)}/file${query({ from: input.from, label: input.label })}`,
        { method: 'POST', form },
      );
    },
    onSuccess: invalidate,
  });
}

export function useAdvanceBatch(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { batchId: string; to: BatchState }) =>
      api<{ id: string; state: BatchState }>(`${path(mechanismId)}/${seg(input.batchId)}/state`, {
        method: 'POST',
        json: { to: input.to },
      }),
    onSuccess: invalidate,
  });
}

export function useExamineBag(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { bagId: string; to: BagState; note?: string }) =>
      api<{ id: string; state: BagState }>(
        `${path(mechanismId)}/bags/${seg(input.bagId)}/examination`,
        {
          method: 'POST',
          json: { to: input.to, ...(input.note ? { note: input.note } : {}) },
        },
      ),
    onSuccess: invalidate,
  });
}
