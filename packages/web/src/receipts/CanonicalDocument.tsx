import { Code, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { canonicalText, sha256Hex } from './canonical.ts';

/**
 * The document exactly as it is signed (its canonical JSON), its hash, and the same hash computed
 * again in this browser: a signer sees with their own eyes what their signature covers.
 */
export function CanonicalDocument({ document, hash }: { document: unknown; hash: string }) {
  const { t } = useTranslation();
  const text = canonicalText(document);
  const recomputed = useQuery({
    queryKey: ['sha256', text],
    queryFn: () => sha256Hex(text),
    staleTime: Infinity,
  });
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700} id="canonical-document">
        {t('receipts.canonical')}
      </Text>
      <Code
        block
        aria-labelledby="canonical-document"
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      >
        {text}
      </Code>
      <Text size="sm" fw={700} id="document-hash">
        {t('receipts.hash')}
      </Text>
      <Code block aria-labelledby="document-hash" data-testid="receipt-hash">
        {hash}
      </Code>
      <ErrorAlert error={recomputed.error} />
      {recomputed.data === hash && <SuccessAlert title={t('receipts.hashMatches')} />}
      {recomputed.data && recomputed.data !== hash && (
        <ErrorAlert
          title={t('receipts.hashDiffers')}
          error={new Error(t('receipts.hashHere', { hash: recomputed.data }))}
        />
      )}
    </Stack>
  );
}
