import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { SigningKey } from '../api/exchange.types.ts';

const keysOf = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/keys`;

export function useSigningKeys(mechanismId: string | null) {
  return useQuery({
    queryKey: ['admin', 'keys', mechanismId],
    enabled: mechanismId !== null,
    queryFn: async () => (await api<{ items: SigningKey[] }>(keysOf(mechanismId ?? ''))).items,
  });
}

export function useRevokeKey(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { keyId: string; reason: string }) =>
      api<{ keyId: string; revokedAt: string }>(
        `${keysOf(mechanismId)}/${seg(input.keyId)}/revocation`,
        { method: 'POST', json: { reason: input.reason } },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'keys', mechanismId] }),
  });
}
