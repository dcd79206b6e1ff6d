import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, seg } from '../api/client.ts';
import type { NewUserBody } from '@parley/kernel/access';
import type { Answer, Body } from '../api/contract.ts';
import type { ApiToken, AuditEntry, AuditVerification, Credentials, User } from '../api/types.ts';

export function useUsers() {
  return useQuery({
    queryKey: ['admin', 'users'],
    queryFn: async () => (await api<{ items: User[] }>('/users')).items,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ['admin', 'tokens'],
    queryFn: async () => (await api<{ items: ApiToken[] }>('/tokens')).items,
  });
}

export interface AuditFilter {
  action: string;
  actor: string;
  /** An object id, whole: a record, a version, a user. */
  object: string;
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
  /** The next page, newest first: entries before this one. */
  beforeSeq?: number;
}

export function useAuditEntries(filter: AuditFilter) {
  return useQuery({
    queryKey: ['admin', 'audit', filter],
    queryFn: async () =>
      (
        await api<{ items: AuditEntry[] }>(
          `/audit/entries${query({ ...filter, order: 'newest', limit: 50 })}`,
        )
      ).items,
  });
}

/** A write of the administration; every admin list is read again after it. */
function useAdminWrite<I, O>(write: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/** A grant to give or take away, and whose. */
export type GrantInput = Body<'/users/{username}/grants', 'post'> & { username: string };

/** Makes an account; its credentials are shown once (a service account's password is null). */
export const useAddUser = () =>
  useAdminWrite((body: NewUserBody) =>
    api<Answer<'/users', 'post'>>('/users', { method: 'POST', json: body }),
  );

export const useGrant = () =>
  useAdminWrite(({ username, ...body }: GrantInput) =>
    api(`/users/${seg(username)}/grants`, { method: 'POST', json: body }),
  );

export const useRevokeGrant = () =>
  useAdminWrite(({ username, ...body }: GrantInput) =>
    api(`/users/${seg(username)}/grants/revoke`, { method: 'POST', json: body }),
  );

export const useSetDisabled = () =>
  useAdminWrite(({ username, disabled }: { username: string; disabled: boolean }) =>
    api(`/users/${seg(username)}/disabled`, { method: 'POST', json: { disabled } }),
  );

export const useResetUser = () =>
  useAdminWrite(({ username, secondFactor }: { username: string; secondFactor: boolean }) =>
    api<Credentials>(`/users/${seg(username)}/reset`, { method: 'POST', json: { secondFactor } }),
  );

export const useCreateToken = () =>
  useAdminWrite((body: GrantInput & { name: string; days: number }) =>
    api<{ id: string; token: string; expiresAt: string }>('/tokens', {
      method: 'POST',
      json: body,
    }),
  );

export const useRevokeToken = () =>
  useAdminWrite((id: string) => api<void>(`/tokens/${seg(id)}`, { method: 'DELETE' }));

export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => api<AuditVerification>('/audit/verify', { method: 'POST' }) });
