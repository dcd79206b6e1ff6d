import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StageSummary } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useStage, useStages } from '../exchange/exchange.api.ts';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useTalkTexts } from '../talks/talk-texts.ts';

function StageManifests({ stage }: { stage: StageSummary }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism, base } = useWorkspace();
  const detail = useStage(mechanism.id, stage.id);
  return (
    <Table.Tr>
      <Table.Td>
        {t('stage.title', {
          number: stage.number,
          place: say(stage.place),
          date: format.date(stage.date),
        })}
      </Table.Td>
      <Table.Td>
        <Badge variant="outline">{t(`stageStatus.${stage.status}`)}</Badge>
      </Table.Td>
      <Table.Td>
        <ErrorAlert error={detail.error} />
        <Group gap="xs">
          {detail.data?.manifests.map((m, _, all) => (
            <Anchor key={m.id} component={Link} to={`${base}/manifests/${m.id}`}>
              {t('stage.manifest', { hash: m.hash.slice(0, 16) })}
              {all.some((other) => other.supersedes === m.id) &&
                ` (${t('corrections.correctedShort')})`}
            </Anchor>
          ))}
          {detail.data?.manifests.length === 0 && t('manifests.notYet')}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Every stage's manifests, to open, sign and verify. */
export function ManifestsPage() {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const stages = useStages(mechanism.id);
  return (
    <Stack>
      <PageHeader title={t('nav.manifests')} subtitle={t('manifests.whose')} />
      <ErrorAlert error={stages.error} />
      {stages.isPending && <Loading />}
      {stages.data?.length === 0 && <Text>{t('stage.none')}</Text>}
      {stages.data && stages.data.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stage.tab')}</Table.Th>
              <Table.Th>{t('agreements.status')}</Table.Th>
              <Table.Th>{t('nav.manifests')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stages.data.map((s) => (
              <StageManifests key={s.id} stage={s} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
