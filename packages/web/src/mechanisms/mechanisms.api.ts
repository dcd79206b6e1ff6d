import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Mechanism } from '../api/types.ts';

export function useMechanisms() {
  return useQuery({
    queryKey: ['mechanisms'],
    queryFn: async () => (await api<{ items: Mechanism[] }>('/mechanisms')).items,
    staleTime: 5 * 60_000,
  });
}
