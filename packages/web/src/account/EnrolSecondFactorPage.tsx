import { Button, Center, Code, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useSession } from '../session/session.tsx';
import { useConfirmEnrolment, useStartEnrolment } from './account.api.ts';

// The QR encoder is fetched only here, where a secret is shown.
const QrCode = lazy(async () => ({ default: (await import('../common/QrCode.tsx')).QrCode }));

/**
 * An account without an authenticator enrols one before anything else: the new secret as a QR
 * code and as text, then a code from the app to show that it holds it.
 */
export function EnrolSecondFactorPage() {
  const { t } = useTranslation();
  const { session, accept } = useSession();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  const { mutate: begin } = start;
  useEffect(() => begin(), [begin]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code, {
      onSuccess: () => accept({ ...(session as Session), mustEnrolSecondFactor: false }),
    });
  };
  return (
    <Center mih="70vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={480} maw="100%">
        <form onSubmit={submit} aria-labelledby="enrol-title">
          <Stack>
            <Title order={1} size="h2" id="enrol-title">
              {t('account.enrol.title')}
            </Title>
            <Text size="sm">{t('account.enrol.why')}</Text>
            <ErrorAlert error={start.error} />
            {start.data && (
              <Stack gap="xs" align="center">
                <Suspense fallback={null}>
                  <QrCode value={start.data.totpUri} label={t('account.enrol.qr')} />
                </Suspense>
                <Text size="sm">{t('account.enrol.orType')}</Text>
                <Code data-secret="authenticator-secret" style={{ wordBreak: 'break-all' }}>
                  {start.data.secret}
                </Code>
              </Stack>
            )}
            <TextInput
              label={t('account.enrol.code')}
              description={t('account.enrol.codeHelp')}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            />
            <ErrorAlert error={confirm.error} />
            <Button type="submit" loading={confirm.isPending} disabled={!start.data}>
              {t('account.enrol.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
