import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { ApiToken, Role } from '../api/types.ts';

const TOKENS_KEY = ['account', 'tokens'] as const;

/** The signed-in person's own API tokens (for an admin: every token). */
export function useOwnTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async () => (await api<{ items: ApiToken[] }>('/tokens')).items,
  });
}

/** A token of one of the person's own roles; the server shows it once. */
export function useCreateOwnToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      mechanism: string;
      role: Role;
      party?: string;
      name: string;
      days: number;
    }) =>
      api<{ id: string; token: string; expiresAt: string }>('/tokens', {
        method: 'POST',
        json: body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeOwnToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${seg(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

/** A new authenticator secret for the signed-in person, kept by the server until confirmed. */
export const useStartEnrolment = () =>
  useMutation({
    mutationFn: () =>
      api<{ secret: string; totpUri: string }>('/session/second-factor', { method: 'POST' }),
  });

export const useConfirmEnrolment = () =>
  useMutation({
    mutationFn: (code: string) =>
      api<{ hasSecondFactor: true }>('/session/second-factor/confirmation', {
        method: 'POST',
        json: { code },
      }),
  });
