import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageHeader } from '../common/PageHeader.tsx';

/** The technical part, for the administrator: what failed, in its own words. */
function detailOf(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * What a screen shows when it fails to load or to draw, in the user's language, in place of
 * React Router's default English page; the layout around it (navigation, language) stays.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Stack p="md" maw={720}>
      <PageHeader title={t('routeError.title')} />
      <Alert color="red.9" variant="outline" role="alert">
        <Text size="sm">{t('routeError.help')}</Text>
        <Text size="xs" mt="xs">
          {t('routeError.detail')} <Code>{detailOf(error)}</Code>
        </Text>
      </Alert>
      <Group>
        <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
        <Button component="a" href="/choose" variant="default">
          {t('routeError.start')}
        </Button>
      </Group>
    </Stack>
  );
}
