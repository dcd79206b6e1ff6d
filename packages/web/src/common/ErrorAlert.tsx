import { Alert, Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { apiErrorText } from '../errors/api-error-text.ts';

/**
 * A failed request: what its code means, in the user's language (or in the page's own words,
 * `message`, where the page knows the code better); the server's own message below it (it names
 * the line, field or value, and is what the server's log holds); the code and the request id.
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
  const message = error instanceof Error ? error.message : t('error.title');
  const said = ownMessage ?? (apiError ? apiErrorText(t, apiError.code) : null);
  return (
    <Alert color="red" title={title ?? t('error.title')} role="alert" variant="light">
      <Text size="sm">{said ?? message}</Text>
      {said !== null && said !== message && (
        <Text size="xs" mt={4}>
          {t('apiError.details')}: <span lang="en">{message}</span>
        </Text>
      )}
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
