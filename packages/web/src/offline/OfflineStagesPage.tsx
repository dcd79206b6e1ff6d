import { Anchor, Container, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { offlineTextsIn } from './offline-texts.ts';
import { useOfflineStages } from './use-offline.ts';

/** The stages this browser keeps for work without a network. */
export function OfflineStagesPage() {
  const { t, i18n } = useTranslation();
  const stages = useOfflineStages();
  return (
    <Container size="md" py="md" component="main">
      <PageHeader title={t('offline.title')} subtitle={t('offline.whose')} />
      {stages.isPending && <Loading />}
      {stages.data?.length === 0 && <Text>{t('offline.none')}</Text>}
      <List>
        {(stages.data ?? []).map((s) => (
          <List.Item key={s.stageId}>
            <Anchor component={Link} to={`/offline/${s.stageId}`}>
              {t('offline.stageTitle', {
                number: s.stage.number,
                place: offlineTextsIn(s, i18n.language).place,
              })}
            </Anchor>{' '}
            <Text span size="sm">
              {t('offline.takenAt', {
                mechanism: offlineTextsIn(s, i18n.language).mechanism,
                at: new Date(s.takenAt).toLocaleString(),
              })}
            </Text>
          </List.Item>
        ))}
      </List>
      <Anchor component={Link} to="/choose">
        {t('offline.back')}
      </Anchor>
    </Container>
  );
}
