import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { NewUserBody } from '@parley/kernel/access';
import type { Body } from '../api/contract.ts';

export function useUsers() {
  return useQuery({
    queryKey: ['admin', 'users'],
    queryFn: async () => (await call('get', '/users')).items,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ['admin', 'tokens'],
    queryFn: async () => (await call('get', '/tokens')).items,
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
      (await call('get', '/audit/entries', { query: { ...filter, order: 'newest', limit: 50 } }))
        .items,
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
  useAdminWrite((body: NewUserBody) => call('post', '/users', { json: body }));

export const useGrant = () =>
  useAdminWrite(({ username, ...body }: GrantInput) =>
    call('post', '/users/{username}/grants', { params: { username }, json: body }),
  );

export const useRevokeGrant = () =>
  useAdminWrite(({ username, ...body }: GrantInput) =>
    call('post', '/users/{username}/grants/revoke', { params: { username }, json: body }),
  );

export const useSetDisabled = () =>
  useAdminWrite(({ username, disabled }: { username: string; disabled: boolean }) =>
    call('post', '/users/{username}/disabled', { params: { username }, json: { disabled } }),
  );

export const useResetUser = () =>
  useAdminWrite(({ username, secondFactor }: { username: string; secondFactor: boolean }) =>
    call('post', '/users/{username}/reset', { params: { username }, json: { secondFactor } }),
  );

export const useCreateToken = () =>
  useAdminWrite((body: GrantInput & { name: string; days: number }) =>
    call('post', '/tokens', { json: body }),
  );

export const useRevokeToken = () =>
  useAdminWrite((id: string) => call('delete', '/tokens/{id}', { params: { id } }));

export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => call('post', '/audit/verify') });
