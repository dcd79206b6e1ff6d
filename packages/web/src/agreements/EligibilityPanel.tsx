import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementVersion } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useEligibilitySummary, useEvaluate, usePreview } from './agreements.api.ts';
import { ListCountsTable } from './ListCountsTable.tsx';

/** Eligibility under a version: a preview that keeps nothing, the evaluation, and its counts. */
export function EligibilityPanel({
  agreementId,
  version,
}: {
  agreementId: string;
  version: AgreementVersion;
}) {
  const { t } = useTranslation();
  const { mechanism, abilities } = useWorkspace();
  const summary = useEligibilitySummary(mechanism.id, agreementId, version.number);
  const preview = usePreview(mechanism.id);
  const evaluate = useEvaluate(mechanism.id, agreementId, version.number);
  const evaluated = summary.data?.lists.filter((l) => l.isEvaluated) ?? [];
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('eligibility.title')}
      </Title>
      {abilities.manageAgreements && (
        <Group>
          <Button
            variant="default"
            loading={preview.isPending}
            onClick={() => preview.mutate(version.definition)}
          >
            {t('eligibility.preview')}
          </Button>
          <Button loading={evaluate.isPending} onClick={() => evaluate.mutate()}>
            {t('eligibility.evaluate')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={preview.error ?? evaluate.error ?? summary.error} />
      {preview.data && (
        <ListCountsTable lists={preview.data.lists} caption={t('eligibility.previewCaption')} />
      )}
      {evaluate.isSuccess && <SuccessAlert title={t('eligibility.evaluated')} />}
      {evaluated.length > 0 ? (
        <ListCountsTable lists={evaluated} caption={t('eligibility.keptCaption')} />
      ) : (
        summary.data && <Text>{t('eligibility.notYet')}</Text>
      )}
    </Stack>
  );
}
