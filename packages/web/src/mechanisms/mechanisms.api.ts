import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client.ts';

export function useMechanisms() {
  return useQuery({
    queryKey: ['mechanisms'],
    queryFn: async () => (await call('get', '/mechanisms')).items,
    staleTime: 5 * 60_000,
  });
}
