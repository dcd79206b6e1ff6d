import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useAddUser } from './admin.api.ts';
import { SecretShownOnce } from './SecretShownOnce.tsx';

/**
 * A new account: a person with a one-time password and, by default, an authenticator secret
 * (else they enrol one at their first sign-in); or a service account for a script.
 */
export function AddUserForm() {
  const { t } = useTranslation();
  const add = useAddUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [secondFactor, setSecondFactor] = useState(true);
  const [isService, setIsService] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        username,
        ...(displayName ? { displayName } : {}),
        isAdmin: isAdmin && !isService,
        secondFactor: secondFactor && !isService,
        service: isService,
      },
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
              checked={secondFactor && !isService}
              disabled={isService}
              onChange={(e) => setSecondFactor(e.currentTarget.checked)}
            />
            <Checkbox
              label={t('admin.isAdmin')}
              checked={isAdmin && !isService}
              disabled={isService}
              onChange={(e) => setIsAdmin(e.currentTarget.checked)}
            />
            <Checkbox
              label={t('admin.serviceAccount')}
              checked={isService}
              onChange={(e) => setIsService(e.currentTarget.checked)}
            />
          </Stack>
          <Button type="submit" loading={add.isPending}>
            {t('admin.addUser')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={add.error} />
      {add.data && add.data.password === null && (
        <Alert color="blue" role="status">
          {t('admin.serviceAdded', { username: add.data.username })}
        </Alert>
      )}
      {add.data?.password && (
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
      {add.data?.password && !add.data.totpUri && (
        <Text size="sm">{t('admin.noTotpYet', { username: add.data.username })}</Text>
      )}
    </Stack>
  );
}
