import { Alert, Code, CopyButton, Button, Group, Stack, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The QR encoder is fetched only when a secret is shown, not with every admin page.
const QrCode = lazy(async () => ({ default: (await import('../common/QrCode.tsx')).QrCode }));

/**
 * A secret the server hands out once: shown with a copy button and the warning that it will not
 * come back; an authenticator URI also as a QR code to scan.
 */
export function SecretShownOnce({ items }: { items: Array<{ label: string; value: string }> }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" title={t('admin.shownOnce')} role="status">
      <Stack gap="xs">
        {items.map((item) => (
          <Stack key={item.label} gap={2}>
            <Text size="sm" fw={600}>
              {item.label}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ wordBreak: 'break-all' }} data-secret={item.label}>
                {item.value}
              </Code>
              <CopyButton value={item.value}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            {item.value.startsWith('otpauth://') && (
              <Suspense fallback={null}>
                <QrCode value={item.value} label={t('admin.totpQr')} />
              </Suspense>
            )}
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}
