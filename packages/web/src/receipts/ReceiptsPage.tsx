import { Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useStages } from '../exchange/exchange.api.ts';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { OfflineRecords } from '../offline/OfflineRecords.tsx';
import { TakeOfflineButton } from '../offline/TakeOfflineButton.tsx';
import { StageReceipts } from './StageReceipts.tsx';
import { useTalkTexts } from '../talks/talk-texts.ts';

/** The handover receipts of an approved stage: issued by the verifier, signed by the receivers. */
export function ReceiptsPage() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const stages = useStages(mechanism.id);
  const [params] = useSearchParams();
  // A person's file links to the receipts of the person's stage.
  const [chosen, setChosen] = useState<string | null>(params.get('stage'));
  const approved = (stages.data ?? []).filter((s) => s.status !== 'proposed');
  const stageId = chosen ?? approved.at(-1)?.id ?? null;
  return (
    <Stack>
      <PageHeader title={t('receipts.title')} subtitle={t('receipts.whose')} />
      <ErrorAlert error={stages.error} />
      {stages.isPending && <Loading />}
      {stages.data && approved.length === 0 && <Text>{t('receipts.noStage')}</Text>}
      {approved.length > 0 && (
        <Select
          label={t('receipts.stage')}
          w={{ base: '100%', sm: 480 }}
          allowDeselect={false}
          value={stageId}
          onChange={setChosen}
          data={approved.map((s) => ({
            value: s.id,
            label: t('stage.title', {
              number: s.number,
              place: say(s.place),
              date: format.date(s.date),
            }),
          }))}
        />
      )}
      {stageId && <TakeOfflineButton stageId={stageId} />}
      {stageId && <StageReceipts key={stageId} stageId={stageId} />}
      {stageId && <OfflineRecords key={`offline-${stageId}`} stageId={stageId} />}
    </Stack>
  );
}
