import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { PositionCell } from './PositionCell.tsx';
import { TableDocumentForm } from './TableDocumentForm.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useDocuments, useGap } from './talks.api.ts';
import { useTalkTexts } from './talk-texts.ts';
import { TalkText } from './TalkText.tsx';

/** The memoranda and plans tabled at the talks, and the gap: every point where the parties differ. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism, grant, base } = useWorkspace();
  const documents = useDocuments(mechanism.id);
  const gap = useGap(mechanism.id);
  return (
    <Stack>
      {talksAbilitiesOf(grant).manage && <TableDocumentForm />}
      <ErrorAlert error={documents.error ?? gap.error} />
      {documents.isPending && <Loading />}
      {documents.data?.length === 0 && <Text>{t('talks.documents.none')}</Text>}
      {documents.data && documents.data.length > 0 && (
        <Table striped>
          <Table.Caption>{t('talks.documents.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('talks.documents.title')}</Table.Th>
              <Table.Th>{t('talks.documents.author')}</Table.Th>
              <Table.Th>{t('talks.documents.kind')}</Table.Th>
              <Table.Th>{t('talks.documents.tabledOn')}</Table.Th>
              <Table.Th>{t('talks.documents.versions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.data.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={`${base}/talks/documents/${d.id}`}>
                    {say(d.title)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.author}</Table.Td>
                <Table.Td>{t(`talks.documentKind.${d.kind}`)}</Table.Td>
                <Table.Td>{format.date(d.firstTabledOn)}</Table.Td>
                <Table.Td>{format.integer(d.latestVersion)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2} size="h3" mt="md">
        {t('talks.gap.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('talks.gap.help')}
      </Text>
      {gap.data?.documents.length === 0 && <Text>{t('talks.gap.none')}</Text>}
      {gap.data?.documents.map((d) => (
        <Table.ScrollContainer key={d.id} minWidth={700}>
          <Table withTableBorder aria-label={t('talks.gap.of', { title: say(d.title) })}>
            <Table.Caption>
              {t('talks.gap.caption', {
                title: say(d.title),
                version: d.version,
                count: d.points.length,
              })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('talks.documents.point')}</Table.Th>
                <Table.Th>{t('talks.documents.text')}</Table.Th>
                {gap.data.parties.map((p) => (
                  <Table.Th key={p} w={200}>
                    {p}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.points.map((point) => (
                <Table.Tr key={point.id} data-gap="true">
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/talks/documents/${d.id}`}>
                      {point.label}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <TalkText text={point.text} />
                    </Text>
                    <Badge size="xs" variant="outline" color="gray.8" tt="none" mt={4}>
                      {t(`talks.pointKind.${point.kind}`)}
                    </Badge>
                  </Table.Td>
                  {point.positions.map((p) => (
                    <Table.Td key={p.party}>
                      <PositionCell position={p} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ))}
    </Stack>
  );
}
