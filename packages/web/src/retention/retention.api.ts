import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** A data category's period and what has expired under it, as GET /retention answers. */
export type RetentionRow = Item<Answer<'/retention'>['items']>;
export type RetentionCategory = RetentionRow['category'];

const KEY = ['admin', 'retention'] as const;

export function useRetention() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await call('get', '/retention')).items,
  });
}

export function useSetPeriod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { category: RetentionCategory; days: number }) =>
      call('put', '/retention/{category}', {
        params: { category: input.category },
        json: { days: input.days },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteDue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await call('post', '/retention/deletions', { json: { confirm: true } })).items,
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
