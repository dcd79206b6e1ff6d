import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';

const K = '/mechanisms/{mechanism}/keys';

export function useSigningKeys(mechanismId: string | null) {
  return useQuery({
    queryKey: ['admin', 'keys', mechanismId],
    queryFn:
      mechanismId === null
        ? skipToken
        : async () => (await call('get', K, { params: { mechanism: mechanismId } })).items,
  });
}

export function useRevokeKey(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { keyId: string; reason: string }) =>
      call('post', `${K}/{key}/revocation`, {
        params: { mechanism: mechanismId, key: input.keyId },
        json: { reason: input.reason },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'keys', mechanismId] }),
  });
}
