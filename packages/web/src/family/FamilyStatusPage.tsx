import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyStatusView } from '@parley/kernel/inquiry';
import { ApiError } from '../api/client.ts';
import { apiErrorText } from '../errors/api-error-text.ts';
import { useFormat } from '../i18n/format.ts';
import { useFamilyStatus } from '../inquiries/family-codes.api.ts';
import { LanguageMenu } from '../layout/LanguageMenu.tsx';

/**
 * The family's page, without sign-in: the code the bureau gave opens the status of that one
 * inquiry, in the inquirer's language unless the family chooses another; nothing else is shown.
 */
export function FamilyStatusPage() {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const status = useFamilyStatus();
  const hasChosenLanguage = useRef(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    status.mutate(code, {
      onSuccess: (view) => {
        if (!hasChosenLanguage.current) void i18n.changeLanguage(view.language);
      },
    });
  };
  const error = status.error;
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={520} maw="100%">
        <Stack>
          <Title order={1} size="h2">
            {t('family.title')}
          </Title>
          <Text size="sm">{t('family.intro')}</Text>
          <form onSubmit={submit} aria-label={t('family.title')}>
            <Stack>
              <TextInput
                label={t('family.code')}
                description={t('family.codeHelp')}
                autoComplete="off"
                spellCheck={false}
                required
                maxLength={64}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
              <Button type="submit" loading={status.isPending}>
                {t('family.show')}
              </Button>
            </Stack>
          </form>
          {error && (
            <Alert color="red" role="alert" variant="light">
              {(error instanceof ApiError && apiErrorText(t, error.code)) || t('error.title')}
            </Alert>
          )}
          {status.data && !error && <FamilyStatus view={status.data} />}
          <Text size="xs" c="dimmed">
            {t('family.privacy')}
          </Text>
          <div
            onClickCapture={() => {
              hasChosenLanguage.current = true;
            }}
          >
            <LanguageMenu />
          </div>
        </Stack>
      </Paper>
    </Center>
  );
}

function FamilyStatus({ view }: { view: FamilyStatusView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert
      color="blue"
      role="status"
      title={t('family.inquiry', { number: view.inquiry, date: format.date(view.receivedOn) })}
    >
      <Stack gap={4}>
        <Text fw={700}>
          {view.status === 'handed_over' && view.handedOverOn
            ? t('family.handedOverOn', { date: format.date(view.handedOverOn) })
            : t(`family.status.${view.status}`)}
        </Text>
        {view.closeReason && <Text>{t(`family.closeReason.${view.closeReason}`)}</Text>}
        <Text size="sm">{t('family.since', { date: format.date(view.since) })}</Text>
      </Stack>
    </Alert>
  );
}
