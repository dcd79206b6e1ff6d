import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api/client.ts';
import type { Body } from '../api/contract.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { LanguageMenu } from '../layout/LanguageMenu.tsx';
import { useSession } from '../session/session.tsx';

type Credentials = Body<'/session', 'post'>;

/** Sign-in with a password, and the authenticator code once the server asks for it. */
export function SignInPage() {
  const { t } = useTranslation();
  const { accept } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const signIn = useMutation({
    mutationFn: (body: Credentials) => call('post', '/session', { json: body }),
    onSuccess: accept,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'AUTH.SECOND_FACTOR_REQUIRED')
        setNeedsCode(true);
      if (error instanceof ApiError && error.code === 'AUTH.SECOND_FACTOR_WRONG') setCode('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password, ...(needsCode ? { totp: code } : {}) });
  };
  const errorCode = signIn.error instanceof ApiError ? signIn.error.code : null;
  const askedForCode = errorCode === 'AUTH.SECOND_FACTOR_REQUIRED';
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
        <form onSubmit={submit} aria-labelledby="sign-in-title">
          <Stack>
            <Title order={1} size="h2" id="sign-in-title">
              {t('signIn.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
            <TextInput
              label={t('signIn.username')}
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {needsCode && (
              <TextInput
                label={t('signIn.code')}
                description={t('signIn.codeHelp')}
                autoComplete="one-time-code"
                inputMode="numeric"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                autoFocus
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
              />
            )}
            {!askedForCode && (
              <ErrorAlert
                error={signIn.error}
                title={t('signIn.failed')}
                {...(errorCode === 'AUTH.SECOND_FACTOR_WRONG'
                  ? { message: t('signIn.wrongCode') }
                  : {})}
              />
            )}
            <Button type="submit" loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
            <LanguageMenu />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
