import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ErasureBody } from '@parley/kernel/inquiry';
import { call } from '../api/client.ts';
import type { Answer } from '../api/contract.ts';

/** What an erasure request came to, as POST …/erasure answers it. */
export type ErasureOutcome = Answer<'/mechanisms/{mechanism}/inquiries/{inquiry}/erasure', 'post'>;

const I = '/mechanisms/{mechanism}/inquiries/{inquiry}';

export function useLegalHold(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string | null) => {
      const params = { mechanism: mechanismId, inquiry: inquiryId };
      return reason
        ? call('put', `${I}/legal-hold`, { params, json: { reason } })
        : call('delete', `${I}/legal-hold`, { params });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}

export function useErase(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ErasureBody) =>
      call('post', `${I}/erasure`, {
        params: { mechanism: mechanismId, inquiry: inquiryId },
        json: body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}
