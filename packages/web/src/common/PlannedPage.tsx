import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader.tsx';

export type PlannedSection = 'talks';

/** A section of the exchange whose API is still being built: it says so, and what it will hold. */
export function PlannedPage({ section }: { section: PlannedSection }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} />
      <Alert title={t('planned.title')} variant="light">
        {t(`planned.${section}`)}
      </Alert>
    </>
  );
}
