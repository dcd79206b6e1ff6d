import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ErasureBody, ErasureRefusal } from '@parley/kernel/inquiry';
import { api, seg } from '../api/client.ts';

/** What an erasure request came to, as POST …/erasure answers it. */
export interface ErasureOutcome {
  id: string;
  number: string;
  outcome: 'erased' | 'refused';
  refusal: ErasureRefusal | null;
  message: string | null;
}

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
