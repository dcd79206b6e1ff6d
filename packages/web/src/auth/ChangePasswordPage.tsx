import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useSession, usernameOf } from '../session/session.tsx';

/** The one-time password (or any password) replaced by one the user chooses. */
export function ChangePasswordPage({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const { session, accept } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const change = useMutation({
    mutationFn: () => call('post', '/session/password', { json: { current, next } }),
    onSuccess: () => {
      accept({ ...(session as Session), mustChangePassword: false });
      onDone?.();
    },
  });
  const isMismatch = repeat.length > 0 && repeat !== next;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isMismatch) change.mutate();
  };
  return (
    <Center mih="70vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={440} maw="100%">
        <form onSubmit={submit} aria-labelledby="password-title">
          <Stack>
            <Title order={1} size="h2" id="password-title">
              {t('password.title')}
            </Title>
            {session?.mustChangePassword && <Text size="sm">{t('password.mustChange')}</Text>}
            <Text size="sm" c="dimmed">
              {t('password.policy')}
            </Text>
            <input
              type="hidden"
              autoComplete="username"
              value={session ? usernameOf(session) : ''}
            />
            <PasswordInput
              label={t('password.current')}
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('password.next')}
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('password.repeat')}
              autoComplete="new-password"
              required
              value={repeat}
              error={isMismatch ? t('password.mismatch') : undefined}
              onChange={(e) => setRepeat(e.currentTarget.value)}
            />
            <ErrorAlert error={change.error} />
            <Button type="submit" loading={change.isPending}>
              {t('password.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
