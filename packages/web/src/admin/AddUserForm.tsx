import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { newUserBody } from '@parley/kernel/access';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { validateBySchema } from '../common/form-schema.ts';
import { useAddUser } from './admin.api.ts';
import { SecretShownOnce } from './SecretShownOnce.tsx';

interface NewUserValues {
  username: string;
  displayName: string;
  isAdmin: boolean;
  secondFactor: boolean;
  service: boolean;
}

/** The request the form makes: a service account is no admin and has no authenticator. */
const requestOf = ({ displayName, ...values }: NewUserValues) => ({
  ...values,
  username: values.username.trim(),
  ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
  isAdmin: values.isAdmin && !values.service,
  secondFactor: values.secondFactor && !values.service,
});

/**
 * A new account: a person with a one-time password and, by default, an authenticator secret
 * (else they enrol one at their first sign-in); or a service account for a script.
 */
export function AddUserForm() {
  const { t } = useTranslation();
  const add = useAddUser();
  const form = useForm({
    initialValues: {
      username: '',
      displayName: '',
      isAdmin: false,
      secondFactor: true,
      service: false,
    },
    transformValues: requestOf,
    validate: validateBySchema(newUserBody, t, 'admin.invalid', requestOf),
  });
  const isService = form.values.service;
  const submit = form.onSubmit((body) =>
    add.mutate(body, {
      onSuccess: () => form.setValues({ username: '', displayName: '' }),
    }),
  );
  return (
    <Stack>
      <form onSubmit={submit} aria-label={t('admin.addUser')}>
        <Group align="flex-end">
          <TextInput label={t('admin.username')} required {...form.getInputProps('username')} />
          <TextInput label={t('admin.displayName')} {...form.getInputProps('displayName')} />
          <Stack gap={6} mb={4}>
            <Checkbox
              label={t('admin.secondFactor')}
              {...form.getInputProps('secondFactor', { type: 'checkbox' })}
              checked={form.values.secondFactor && !isService}
              disabled={isService}
            />
            <Checkbox
              label={t('admin.isAdmin')}
              {...form.getInputProps('isAdmin', { type: 'checkbox' })}
              checked={form.values.isAdmin && !isService}
              disabled={isService}
            />
            <Checkbox
              label={t('admin.serviceAccount')}
              {...form.getInputProps('service', { type: 'checkbox' })}
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
