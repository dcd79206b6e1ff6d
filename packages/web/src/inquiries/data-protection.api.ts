import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ErasureBody } from '@parley/kernel/inquiry';
import { api, seg } from '../api/client.ts';
import type { Answer } from '../api/contract.ts';

/** What an erasure request came to, as POST …/erasure answers it. */
export type ErasureOutcome = Answer<'/mechanisms/{mechanism}/inquiries/{inquiry}/erasure', 'post'>;

const path = (mechanismId: string, inquiryId: string) =>
  `/mechanisms/${seg(mechanismId)}/inquiries/${seg(inquiryId)}`;

export function useLegalHold(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string | null) =>
      api(`${path(mechanismId, inquiryId)}/legal-hold`, {
        method: reason ? 'PUT' : 'DELETE',
        ...(reason ? { json: { reason } } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}

export function useErase(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ErasureBody) =>
      api<ErasureOutcome>(`${path(mechanismId, inquiryId)}/erasure`, {
        method: 'POST',
        json: body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}
