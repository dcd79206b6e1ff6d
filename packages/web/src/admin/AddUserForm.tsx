import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useAddUser } from './admin.api.ts';
import { SecretShownOnce } from './SecretShownOnce.tsx';

/** A new account with a one-time password and, by default, an authenticator secret. */
export function AddUserForm() {
  const { t } = useTranslation();
  const add = useAddUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [secondFactor, setSecondFactor] = useState(true);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { username, ...(displayName ? { displayName } : {}), isAdmin, secondFactor },
      {
        onSuccess: () => {
          setUsername('');
          setDisplayName('');
        },
      },
    );
  };
  return (
    <Stack>
      <form onSubmit={submit} aria-label={t('admin.addUser')}>
        <Group align="flex-end">
          <TextInput
            label={t('admin.username')}
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
          <TextInput
            label={t('admin.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
          />
          <Stack gap={6} mb={4}>
            <Checkbox
              label={t('admin.secondFactor')}
              checked={secondFactor}
              onChange={(e) => setSecondFactor(e.currentTarget.checked)}
            />
            <Checkbox
              label={t('admin.isAdmin')}
              checked={isAdmin}
              onChange={(e) => setIsAdmin(e.currentTarget.checked)}
            />
          </Stack>
          <Button type="submit" loading={add.isPending}>
            {t('admin.addUser')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={add.error} />
      {add.data && (
        <SecretShownOnce
          items={[
            {
              label: t('admin.oneTimePassword', { username: add.data.username }),
              value: add.data.password,
            },
            ...(add.data.totpUri ? [{ label: t('admin.totpUri'), value: add.data.totpUri }] : []),
          ]}
        />
      )}
    </Stack>
  );
}
