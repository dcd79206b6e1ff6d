import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretShownOnce } from '../admin/SecretShownOnce.tsx';
import type { Grant, GrantableRole } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useMechanisms } from '../mechanisms/mechanisms.api.ts';
import { grantKey } from '../session/abilities.ts';
import { useSession, usernameOf } from '../session/session.tsx';
import { useCreateOwnToken, useOwnTokens, useRevokeOwnToken } from './account.api.ts';

/**
 * A person's own API tokens, for their scripts: each acts with one of their roles, is shown
 * once, and can be revoked. Nobody else can make a token that acts as them.
 */
export function TokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const tokens = useOwnTokens();
  const mechanisms = useMechanisms();
  const revoke = useRevokeOwnToken();
  const nameOf = (id: string) => mechanisms.data?.find((m) => m.id === id)?.name ?? id;
  const own = (tokens.data ?? []).filter(
    (token) => session && token.username === usernameOf(session),
  );
  return (
    <Stack>
      <PageHeader title={t('account.tokens.title')} subtitle={t('account.tokens.help')} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('account.tokens.create')}
        </Title>
        <CreateOwnTokenForm />
      </Card>
      <ErrorAlert error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <Loading />
      ) : (
        <Table striped aria-label={t('account.tokens.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('account.tokens.name')}</Table.Th>
              <Table.Th>{t('account.tokens.role')}</Table.Th>
              <Table.Th>{t('account.tokens.expires')}</Table.Th>
              <Table.Th>{t('account.tokens.state')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {own.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>
                  {nameOf(token.mechanismId)} · {t(`role.${token.role}`)}
                  {token.party ? ` (${token.party})` : ''}
                </Table.Td>
                <Table.Td>{format.dateTime(token.expiresAt)}</Table.Td>
                <Table.Td>
                  <Badge color={token.isActive ? 'teal.9' : 'gray'} variant="outline">
                    {token.isActive ? t('account.tokens.active') : t('account.tokens.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {token.isActive && (
                    <Button
                      size="compact-sm"
                      color="red.9"
                      variant="outline"
                      onClick={() => revoke.mutate(token.id)}
                    >
                      {t('account.tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function CreateOwnTokenForm() {
  const { t } = useTranslation();
  const { session } = useSession();
  const mechanisms = useMechanisms();
  const create = useCreateOwnToken();
  const [grant, setGrant] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(30);
  // Break-glass access is no role to make a token for.
  const grants = (session?.grants ?? []).filter(
    (g): g is Grant & { role: GrantableRole } => g.role !== 'emergency_reader',
  );
  const keyOf = (g: (typeof grants)[number]) => `${g.mechanismId}/${grantKey(g)}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = grants.find((g) => keyOf(g) === grant);
    if (!chosen) return;
    create.mutate({
      mechanism: chosen.mechanismId,
      role: chosen.role,
      ...(chosen.party ? { party: chosen.party } : {}),
      name,
      days,
    });
  };
  return (
    <Stack>
      <form onSubmit={submit} aria-label={t('account.tokens.create')}>
        <Group align="flex-end">
          <Select
            label={t('account.tokens.role')}
            required
            value={grant}
            onChange={setGrant}
            data={grants.map((g) => ({
              value: keyOf(g),
              label: `${mechanisms.data?.find((m) => m.id === g.mechanismId)?.name ?? g.mechanismId} · ${t(`role.${g.role}`)}${g.party ? ` (${g.party})` : ''}`,
            }))}
            w={320}
          />
          <TextInput
            label={t('account.tokens.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NumberInput
            label={t('account.tokens.days')}
            min={1}
            max={366}
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : 30)}
            w={100}
          />
          <Button type="submit" loading={create.isPending} disabled={grants.length === 0}>
            {t('account.tokens.create')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={create.error} />
      {create.data && (
        <SecretShownOnce items={[{ label: t('account.tokens.token'), value: create.data.token }]} />
      )}
    </Stack>
  );
}
