import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Body } from '../api/contract.ts';

const TOKENS_KEY = ['account', 'tokens'] as const;

/** The signed-in person's own API tokens (for an admin: every token). */
export function useOwnTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async () => (await call('get', '/tokens')).items,
  });
}

/** A token of one of the person's own roles; the server shows it once. */
export function useCreateOwnToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<Body<'/tokens', 'post'>, 'username'>) =>
      call('post', '/tokens', { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeOwnToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('delete', '/tokens/{id}', { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

/** A new authenticator secret for the signed-in person, kept by the server until confirmed. */
export const useStartEnrolment = () =>
  useMutation({ mutationFn: () => call('post', '/session/second-factor') });

export const useConfirmEnrolment = () =>
  useMutation({
    mutationFn: (code: string) =>
      call('post', '/session/second-factor/confirmation', { json: { code } }),
  });
