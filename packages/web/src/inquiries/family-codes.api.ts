import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** A family code as the bureau sees it once issued: never the code itself. */
export type FamilyCode = Item<Answer<'/mechanisms/{mechanism}/inquiries/{inquiry}/family-codes'>>;

const C = '/mechanisms/{mechanism}/inquiries/{inquiry}/family-codes';
const key = (mechanismId: string, inquiryId: string) => [
  'inquiries',
  mechanismId,
  'family-codes',
  inquiryId,
];

export function useFamilyCodes(mechanismId: string, inquiryId: string) {
  return useQuery({
    queryKey: key(mechanismId, inquiryId),
    queryFn: () => call('get', C, { params: { mechanism: mechanismId, inquiry: inquiryId } }),
  });
}

/** Issues a code: the answer is the only time the code is shown. */
export function useIssueFamilyCode(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call('post', C, { params: { mechanism: mechanismId, inquiry: inquiryId }, json: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId, inquiryId) }),
  });
}

export function useRevokeFamilyCode(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (codeId: string) =>
      call('post', '/mechanisms/{mechanism}/inquiries/family-codes/{code}/revoke', {
        params: { mechanism: mechanismId, code: codeId },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId, inquiryId) }),
  });
}

/** The family's public page: one inquiry's status for the code typed. */
export function useFamilyStatus() {
  return useMutation({
    mutationFn: (code: string) => call('post', '/family/status', { json: { code } }),
  });
}
