import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, seg } from '../api/client.ts';
import type {
  Agreement,
  AgreementDefinition,
  AgreementTemplate,
  EligibilityPage,
  EligibilityResult,
  ListCounts,
  Outcome3,
} from '../api/exchange.types.ts';

const base = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/agreements`;
const key = (mechanismId: string) => ['agreements', mechanismId] as const;

export function useTemplates() {
  return useQuery({
    queryKey: ['agreement-templates'],
    queryFn: async () => (await api<{ items: AgreementTemplate[] }>('/agreement-templates')).items,
  });
}

export function useAgreements(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'list'],
    queryFn: async () => (await api<{ items: Agreement[] }>(base(mechanismId))).items,
  });
}

export function useAgreement(mechanismId: string, agreementId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'one', agreementId],
    queryFn: () => api<Agreement>(`${base(mechanismId)}/${seg(agreementId)}`),
  });
}

export function useCreateAgreement(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { template: string; name?: string }) =>
      api<Agreement>(base(mechanismId), { method: 'POST', json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

/** Counts per list under an agreement version, as last evaluated. */
export function useEligibilitySummary(mechanismId: string, agreementId: string, version: number) {
  return useQuery({
    queryKey: [...key(mechanismId), 'eligibility', agreementId, version],
    queryFn: () =>
      api<{ agreementVersionId: string; lists: ListCounts[] }>(
        `${base(mechanismId)}/${seg(agreementId)}/versions/${version}/eligibility`,
      ),
  });
}

export function usePreview(mechanismId: string) {
  return useMutation({
    mutationFn: (definition: AgreementDefinition) =>
      api<{ lists: ListCounts[]; sample: EligibilityResult[] }>(
        `/mechanisms/${seg(mechanismId)}/eligibility/preview`,
        { method: 'POST', json: { definition, sampleSize: 20 } },
      ),
  });
}

/** Counts per list under the current terms and under changed ones; nothing is kept. */
export function usePreviewChange(mechanismId: string) {
  const counts = (definition: AgreementDefinition) =>
    api<{ lists: ListCounts[] }>(`/mechanisms/${seg(mechanismId)}/eligibility/preview`, {
      method: 'POST',
      json: { definition, sampleSize: 0 },
    });
  return useMutation({
    mutationFn: async (input: { current: AgreementDefinition; changed: AgreementDefinition }) => {
      const [before, after] = await Promise.all([counts(input.current), counts(input.changed)]);
      return { before: before.lists, after: after.lists };
    },
  });
}

/** Writes changed terms as the agreement's next version. */
export function useReviseAgreement(mechanismId: string, agreementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (definition: AgreementDefinition) =>
      api<{ number: number }>(`${base(mechanismId)}/${seg(agreementId)}`, {
        method: 'PUT',
        json: { definition },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

export function useEvaluate(mechanismId: string, agreementId: string, version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ evaluationId: string; lists: ListCounts[] }>(
        `${base(mechanismId)}/${seg(agreementId)}/versions/${version}/evaluations`,
        { method: 'POST', json: {} },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

export function useEligibilityResults(
  mechanismId: string,
  agreementId: string,
  params: {
    version: number;
    party: string;
    kind: string;
    outcome: Outcome3 | undefined;
    offset: number;
  },
) {
  return useQuery({
    queryKey: [...key(mechanismId), 'results', agreementId, params],
    queryFn: () =>
      api<EligibilityPage>(
        `${base(mechanismId)}/${seg(agreementId)}/versions/${params.version}/eligibility/${seg(
          params.party,
        )}/${params.kind}${query({ outcome: params.outcome, offset: params.offset, limit: 50 })}`,
      ),
  });
}
