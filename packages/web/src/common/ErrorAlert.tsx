import { Alert, Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/**
 * A failed request as the server put it (or in the page's own words, `message`, where the page
 * knows the error's code): its message, its code and the request id to quote.
 */
export function ErrorAlert({
  error,
  title,
  message: ownMessage,
}: {
  error: unknown;
  title?: string;
  message?: string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = ownMessage ?? (error instanceof Error ? error.message : t('error.title'));
  return (
    <Alert color="red" title={title ?? t('error.title')} role="alert" variant="light">
      <Text size="sm">{message}</Text>
      {apiError && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('error.code')} <Code>{apiError.code}</Code>
          {apiError.requestId && (
            <>
              {' · '}
              {t('error.requestId')} <Code>{apiError.requestId}</Code>
            </>
          )}
        </Text>
      )}
    </Alert>
  );
}
