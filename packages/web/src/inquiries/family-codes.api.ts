import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FamilyStatusView } from '@parley/kernel/inquiry';
import { api, seg } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** A family code as the bureau sees it once issued: never the code itself. */
export type FamilyCode = Item<Answer<'/mechanisms/{mechanism}/inquiries/{inquiry}/family-codes'>>;

const codesOf = (mechanismId: string, inquiryId: string) =>
  `/mechanisms/${seg(mechanismId)}/inquiries/${seg(inquiryId)}/family-codes`;
const key = (mechanismId: string, inquiryId: string) => [
  'inquiries',
  mechanismId,
  'family-codes',
  inquiryId,
];

export function useFamilyCodes(mechanismId: string, inquiryId: string) {
  return useQuery({
    queryKey: key(mechanismId, inquiryId),
    queryFn: () => api<FamilyCode[]>(codesOf(mechanismId, inquiryId)),
  });
}

/** Issues a code: the answer is the only time the code is shown. */
export function useIssueFamilyCode(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ id: string; code: string; expiresAt: string }>(codesOf(mechanismId, inquiryId), {
        method: 'POST',
        json: {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId, inquiryId) }),
  });
}

export function useRevokeFamilyCode(mechanismId: string, inquiryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (codeId: string) =>
      api<FamilyCode>(
        `/mechanisms/${seg(mechanismId)}/inquiries/family-codes/${seg(codeId)}/revoke`,
        { method: 'POST' },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId, inquiryId) }),
  });
}

/** The family's public page: one inquiry's status for the code typed. */
export function useFamilyStatus() {
  return useMutation({
    mutationFn: (code: string) =>
      api<FamilyStatusView>('/family/status', { method: 'POST', json: { code } }),
  });
}
