import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** A data category's period and what has expired under it, as GET /retention answers. */
export type RetentionRow = Item<Answer<'/retention'>['items']>;
export type RetentionCategory = RetentionRow['category'];

const KEY = ['admin', 'retention'] as const;

export function useRetention() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await api<{ items: RetentionRow[] }>('/retention')).items,
  });
}

export function useSetPeriod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { category: RetentionCategory; days: number }) =>
      api(`/retention/${seg(input.category)}`, { method: 'PUT', json: { days: input.days } }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteDue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (
        await api<{ items: RetentionRow[] }>('/retention/deletions', {
          method: 'POST',
          json: { confirm: true },
        })
      ).items,
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
