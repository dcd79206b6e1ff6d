import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { AgreementDefinition, Outcome3 } from '../api/exchange.types.ts';
import type { ListKind } from '../api/types.ts';

const A = '/mechanisms/{mechanism}/agreements';
const key = (mechanismId: string) => ['agreements', mechanismId] as const;

export function useTemplates() {
  return useQuery({
    queryKey: ['agreement-templates'],
    queryFn: async () => (await call('get', '/agreement-templates')).items,
  });
}

export function useAgreements(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'list'],
    queryFn: async () => (await call('get', A, { params: { mechanism: mechanismId } })).items,
  });
}

export function useAgreement(mechanismId: string, agreementId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'one', agreementId],
    queryFn: () =>
      call('get', `${A}/{agreement}`, {
        params: { mechanism: mechanismId, agreement: agreementId },
      }),
  });
}

export function useCreateAgreement(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { template: string; name?: string }) =>
      call('post', A, { params: { mechanism: mechanismId }, json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

/** Counts per list under an agreement version, as last evaluated. */
export function useEligibilitySummary(mechanismId: string, agreementId: string, version: number) {
  return useQuery({
    queryKey: [...key(mechanismId), 'eligibility', agreementId, version],
    queryFn: () =>
      call('get', `${A}/{agreement}/versions/{version}/eligibility`, {
        params: { mechanism: mechanismId, agreement: agreementId, version },
      }),
  });
}

const preview = (mechanismId: string, definition: AgreementDefinition, sampleSize: number) =>
  call('post', '/mechanisms/{mechanism}/eligibility/preview', {
    params: { mechanism: mechanismId },
    json: { definition, sampleSize },
  });

export function usePreview(mechanismId: string) {
  return useMutation({
    mutationFn: (definition: AgreementDefinition) => preview(mechanismId, definition, 20),
  });
}

/** Counts per list under the current terms and under changed ones; nothing is kept. */
export function usePreviewChange(mechanismId: string) {
  const counts = (definition: AgreementDefinition) => preview(mechanismId, definition, 0);
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
      call('put', `${A}/{agreement}`, {
        params: { mechanism: mechanismId, agreement: agreementId },
        json: { definition },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

export function useEvaluate(mechanismId: string, agreementId: string, version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call('post', `${A}/{agreement}/versions/{version}/evaluations`, {
        params: { mechanism: mechanismId, agreement: agreementId, version },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

export function useEligibilityResults(
  mechanismId: string,
  agreementId: string,
  params: {
    version: number;
    party: string;
    kind: ListKind;
    outcome: Outcome3 | undefined;
    offset: number;
  },
) {
  return useQuery({
    queryKey: [...key(mechanismId), 'results', agreementId, params],
    queryFn: () =>
      call('get', `${A}/{agreement}/versions/{version}/eligibility/{party}/{kind}`, {
        params: {
          mechanism: mechanismId,
          agreement: agreementId,
          version: params.version,
          party: params.party,
          kind: params.kind,
        },
        query: { outcome: params.outcome, offset: params.offset, limit: 50 },
      }),
  });
}
