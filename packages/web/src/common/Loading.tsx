import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The indicator shown while an answer is awaited. The spinner is drawn only; the words are in a
 * live region, because a label on the spinner's bare span is not read (and axe refuses it).
 */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Center p="xl" role="status">
      <Loader aria-hidden />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </Center>
  );
}
