import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer, Body, Item } from '../api/contract.ts';
import type { BagState, BatchState } from '../reports/report-view.ts';

export type RemainsOverview = Answer<'/mechanisms/{mechanism}/remains'>;
export type Batch = Item<RemainsOverview['batches']>;
export type Bag = Item<Batch['bags']>;

const R = '/mechanisms/{mechanism}/remains';

/** Under the exchange's key, so that the reports refresh with every change to the remains. */
const key = (mechanismId: string) => ['exchange', mechanismId, 'remains'] as const;

function useInvalidate(mechanismId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['exchange', mechanismId] });
}

export function useRemains(mechanismId: string) {
  return useQuery({
    queryKey: key(mechanismId),
    queryFn: () => call('get', R, { params: { mechanism: mechanismId } }),
  });
}

export function useOfferBatch(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: Body<typeof R, 'post'>) =>
      call('post', R, { params: { mechanism: mechanismId }, json: input }),
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
      return call('post', `${R}/file`, {
        params: { mechanism: mechanismId },
        query: { from: input.from, label: input.label },
        form,
      });
    },
    onSuccess: invalidate,
  });
}

export function useAdvanceBatch(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { batchId: string; to: BatchState }) =>
      call('post', `${R}/{batch}/state`, {
        params: { mechanism: mechanismId, batch: input.batchId },
        json: { to: input.to },
      }),
    onSuccess: invalidate,
  });
}

export function useExamineBag(mechanismId: string) {
  const invalidate = useInvalidate(mechanismId);
  return useMutation({
    mutationFn: (input: { bagId: string; to: BagState; note?: string }) =>
      call('post', `${R}/bags/{bag}/examination`, {
        params: { mechanism: mechanismId, bag: input.bagId },
        json: { to: input.to, ...(input.note ? { note: input.note } : {}) },
      }),
    onSuccess: invalidate,
  });
}
