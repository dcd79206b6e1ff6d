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
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useMechanisms } from '../mechanisms/mechanisms.api.ts';
import { grantKey } from '../session/abilities.ts';
import { useCreateToken, useRevokeToken, useTokens, useUsers } from './admin.api.ts';
import { SecretShownOnce } from './SecretShownOnce.tsx';

/**
 * API tokens: every account's, revocable; new ones only for service accounts (a person makes
 * their own tokens, signed in, under API tokens in their menu).
 */
export function TokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useTokens();
  const mechanisms = useMechanisms();
  const revoke = useRevokeToken();
  const nameOf = (id: string) => mechanisms.data?.find((m) => m.id === id)?.name ?? id;
  return (
    <Stack>
      <PageHeader title={t('admin.tokens')} subtitle={t('admin.tokensHelp')} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('admin.createToken')}
        </Title>
        <CreateTokenForm />
      </Card>
      <ErrorAlert error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('admin.tokens')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.tokenName')}</Table.Th>
                <Table.Th>{t('admin.username')}</Table.Th>
                <Table.Th>{t('admin.roles')}</Table.Th>
                <Table.Th>{t('admin.expires')}</Table.Th>
                <Table.Th>{t('admin.state')}</Table.Th>
                <Table.Th>{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data?.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>{token.username}</Table.Td>
                  <Table.Td>
                    {nameOf(token.mechanismId)} · {t(`role.${token.role}`)}
                    {token.party ? ` (${token.party})` : ''}
                  </Table.Td>
                  <Table.Td>{format.dateTime(token.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={token.isActive ? 'teal.9' : 'gray'} variant="outline">
                      {token.isActive ? t('admin.active') : t('admin.inactive')}
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
                        {t('admin.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function CreateTokenForm() {
  const { t } = useTranslation();
  const users = useUsers();
  const mechanisms = useMechanisms();
  const create = useCreateToken();
  const [username, setUsername] = useState<string | null>(null);
  const [grant, setGrant] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(30);
  const grants = users.data?.find((u) => u.username === username)?.grants ?? [];
  const keyOf = (g: (typeof grants)[number]) => `${g.mechanismId}/${grantKey(g)}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = grants.find((g) => keyOf(g) === grant);
    if (!username || !chosen) return;
    create.mutate({
      username,
      mechanism: chosen.mechanismId,
      role: chosen.role,
      ...(chosen.party ? { party: chosen.party } : {}),
      name,
      days,
    });
  };
  return (
    <Stack>
      <form onSubmit={submit} aria-label={t('admin.createToken')}>
        <Group align="flex-end">
          <Select
            label={t('admin.serviceAccount')}
            required
            value={username}
            onChange={(v) => {
              setUsername(v);
              setGrant(null);
            }}
            data={(users.data ?? []).filter((u) => u.isService).map((u) => u.username)}
            searchable
            w={200}
          />
          <Select
            label={t('admin.role')}
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
            label={t('admin.tokenName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NumberInput
            label={t('admin.days')}
            min={1}
            max={366}
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : 30)}
            w={100}
          />
          <Button type="submit" loading={create.isPending}>
            {t('admin.createToken')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={create.error} />
      {create.data && (
        <SecretShownOnce items={[{ label: t('admin.token'), value: create.data.token }]} />
      )}
    </Stack>
  );
}
