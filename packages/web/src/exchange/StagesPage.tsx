import { Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../common/Loading.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { AgreementPicker, useChosenAgreement } from './AgreementPicker.tsx';
import { useStages } from './exchange.api.ts';
import { PathBoard } from './PathBoard.tsx';
import { ProposeStageForm } from './ProposeStageForm.tsx';
import { StageCard } from './StageCard.tsx';

function StageList({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const { mechanism, abilities } = useWorkspace();
  const stages = useStages(mechanism.id);
  const mine = (stages.data ?? []).filter((s) => s.agreementId === agreementId).reverse();
  return (
    <Stack>
      {abilities.manageExchange && <ProposeStageForm agreementId={agreementId} />}
      <ErrorAlert error={stages.error} />
      {stages.isPending && <Loading />}
      {stages.data && mine.length === 0 && <Text>{t('stage.none')}</Text>}
      {mine.map((s) => (
        <StageCard key={s.id} summary={s} />
      ))}
    </Stack>
  );
}

/** The path of every person under an agreement, and its stages. */
export function StagesPage() {
  const { t } = useTranslation();
  const chosen = useChosenAgreement();
  return (
    <Stack>
      <PageHeader title={t('nav.stages')} subtitle={t('path.whose')} />
      <AgreementPicker state={chosen} />
      {chosen.agreements.isPending && <Loading />}
      {chosen.agreements.data?.length === 0 && <Text>{t('agreements.none')}</Text>}
      {chosen.chosen && (
        <Tabs defaultValue="path" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="path">{t('path.title')}</Tabs.Tab>
            <Tabs.Tab value="stages">{t('stage.tab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="path" pt="md">
            <PathBoard key={chosen.chosen.id} agreementId={chosen.chosen.id} />
          </Tabs.Panel>
          <Tabs.Panel value="stages" pt="md">
            <StageList agreementId={chosen.chosen.id} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
