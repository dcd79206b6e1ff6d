import { Badge, Button, CloseButton, Collapse, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Mechanism, User } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useResetUser, useRevokeGrant, useSetDisabled } from './admin.api.ts';
import { GrantForm } from './GrantForm.tsx';
import { SecretShownOnce } from './SecretShownOnce.tsx';

/** One account: its state and roles, with the actions an admin may take on it. */
export function UserRow({ user, mechanisms }: { user: User; mechanisms: Mechanism[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [isOpen, { toggle }] = useDisclosure(false);
  const revoke = useRevokeGrant();
  const setDisabled = useSetDisabled();
  const reset = useResetUser();
  const nameOf = (id: string) => mechanisms.find((m) => m.id === id)?.name ?? id;
  const isDisabled = user.disabledAt !== null;
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Text fw={600}>{user.username}</Text>
          <Text size="xs" c="dimmed">
            {user.displayName}
          </Text>
        </Table.Td>
        <Table.Td>
          <Group gap={4}>
            {user.isAdmin && <Badge color="grape">{t('admin.isAdminBadge')}</Badge>}
            {user.isService && (
              <Badge color="orange" variant="dot">
                {t('admin.serviceBadge')}
              </Badge>
            )}
            {user.hasSecondFactor && <Badge variant="light">{t('admin.totpBadge')}</Badge>}
            {user.mustChangePassword && (
              <Badge color="gray" variant="light">
                {t('admin.mustChange')}
              </Badge>
            )}
            {isDisabled && <Badge color="red.9">{t('admin.disabled')}</Badge>}
            {user.lockedUntil && (
              <Badge color="red.9" variant="outline">
                {t('admin.locked', { until: format.dateTime(user.lockedUntil) })}
              </Badge>
            )}
          </Group>
        </Table.Td>
        <Table.Td>
          <Stack gap={4}>
            {user.grants.map((g) => (
              <Group key={`${g.mechanismId}-${g.role}-${g.party ?? ''}`} gap={4} wrap="nowrap">
                <Text size="sm">
                  {nameOf(g.mechanismId)} · {t(`role.${g.role}`)}
                  {g.party ? ` (${g.party})` : ''}
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={t('admin.revokeGrant', {
                    role: t(`role.${g.role}`),
                    username: user.username,
                  })}
                  onClick={() =>
                    revoke.mutate({
                      username: user.username,
                      mechanism: g.mechanismId,
                      role: g.role,
                      ...(g.party ? { party: g.party } : {}),
                    })
                  }
                />
              </Group>
            ))}
          </Stack>
        </Table.Td>
        <Table.Td>
          <Group gap={4}>
            <Button size="compact-sm" variant="light" onClick={toggle} aria-expanded={isOpen}>
              {t('admin.grant')}
            </Button>
            <Button
              size="compact-sm"
              variant="outline"
              color={isDisabled ? 'teal.9' : 'red.9'}
              onClick={() => setDisabled.mutate({ username: user.username, disabled: !isDisabled })}
            >
              {isDisabled ? t('admin.enable') : t('admin.disable')}
            </Button>
            {!user.isService && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={() =>
                  reset.mutate({ username: user.username, secondFactor: user.hasSecondFactor })
                }
              >
                {t('admin.reset')}
              </Button>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {(isOpen || reset.data || revoke.error || setDisabled.error || reset.error) && (
        <Table.Tr>
          <Table.Td colSpan={4}>
            <Collapse expanded={isOpen}>
              <GrantForm username={user.username} />
            </Collapse>
            <ErrorAlert error={revoke.error ?? setDisabled.error ?? reset.error} />
            {reset.data && (
              <SecretShownOnce
                items={[
                  ...(reset.data.password !== null
                    ? [
                        {
                          label: t('admin.oneTimePassword', { username: reset.data.username }),
                          value: reset.data.password,
                        },
                      ]
                    : []),
                  ...(reset.data.totpUri
                    ? [{ label: t('admin.totpUri'), value: reset.data.totpUri }]
                    : []),
                ]}
              />
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
