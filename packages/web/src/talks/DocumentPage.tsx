import { Anchor, Badge, Group, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { PointActions } from './PointActions.tsx';
import { PositionCell, SourceText } from './PositionCell.tsx';
import { StanceBadge } from './StanceBadge.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useDocument, useDocuments } from './talks.api.ts';
import { TalkText } from './TalkText.tsx';

/** A document's numbered points with each party's position; the points where they differ stand out. */
export function DocumentPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { documentId = '' } = useParams();
  const { mechanism, grant, base } = useWorkspace();
  const abilities = talksAbilitiesOf(grant);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [onlyGap, setOnlyGap] = useState(false);
  const documents = useDocuments(mechanism.id);
  const document = useDocument(mechanism.id, documentId, version);
  const latest = documents.data?.find((d) => d.id === documentId || d.title === documentId);
  if (document.isPending) return <Loading />;
  if (document.error) return <ErrorAlert error={document.error} />;
  const doc = document.data;
  const isLatest = !latest || doc.version === latest.latestVersion;
  const points = onlyGap ? doc.points.filter((p) => p.isGap) : doc.points;
  const gaps = doc.points.filter((p) => p.isGap).length;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <TalkText
            text={doc.title}
            wrap={(words) => (
              <Title order={2} size="h3">
                {words}
              </Title>
            )}
          />
          <Text size="sm" c="dimmed">
            {t('talks.documents.byline', {
              author: doc.author,
              kind: t(`talks.documentKind.${doc.kind}`),
              date: format.date(doc.tabledOn),
            })}
          </Text>
        </Stack>
        <Group align="flex-end">
          {latest && (
            <Select
              label={t('talks.documents.version')}
              data={Array.from({ length: latest.latestVersion }, (_, i) => ({
                value: String(i + 1),
                label: t('talks.documents.versionN', { number: i + 1 }),
              }))}
              value={String(doc.version)}
              onChange={(v) => setVersion(v ? Number(v) : undefined)}
              allowDeselect={false}
              w={160}
            />
          )}
          <Anchor component={Link} to={`${base}/talks/documents`}>
            {t('talks.documents.back')}
          </Anchor>
        </Group>
      </Group>
      {doc.note && (
        <Text size="sm">
          <TalkText text={doc.note} />
        </Text>
      )}
      <Switch
        label={t('talks.documents.onlyGap', { count: gaps })}
        checked={onlyGap}
        onChange={(e) => setOnlyGap(e.currentTarget.checked)}
      />
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder verticalSpacing="sm">
          <Table.Caption>
            {t('talks.documents.pointsCaption', { version: doc.version })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('talks.documents.point')}</Table.Th>
              <Table.Th>{t('talks.documents.text')}</Table.Th>
              {mechanism.parties.map((p) => (
                <Table.Th key={p} w={200}>
                  {p}
                </Table.Th>
              ))}
              {isLatest && (abilities.recordPositions || abilities.manage) && (
                <Table.Th w={160}>{t('talks.actions')}</Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((point) => (
              <Table.Tr
                key={point.id}
                data-gap={point.isGap ? 'true' : undefined}
                bg={point.isGap ? 'var(--mantine-color-yellow-0)' : undefined}
              >
                <Table.Td fw={700}>{point.label}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <TalkText text={point.text} />
                  </Text>
                  <Group gap={4} mt={4}>
                    <Badge size="xs" variant="outline" color="gray.8" tt="none">
                      {t(`talks.pointKind.${point.kind}`)}
                    </Badge>
                    {point.isGap && (
                      <Badge size="xs" variant="filled" color="red.9" tt="none">
                        {t('talks.gap.differ')}
                      </Badge>
                    )}
                  </Group>
                  {point.history.length > point.positions.filter((p) => p.statedOn).length && (
                    <details>
                      <summary>
                        <Text span size="xs">
                          {t('talks.documents.history', { count: point.history.length })}
                        </Text>
                      </summary>
                      <Stack gap={2} mt={4}>
                        {point.history.map((h, i) => (
                          <Group key={i} gap={6}>
                            <Text size="xs">{h.party}</Text>
                            <StanceBadge stance={h.stance} />
                            <Text size="xs" c="dimmed">
                              {h.statedOn ? format.date(h.statedOn) : ''} ·{' '}
                              {h.source && <SourceText source={h.source} />}
                            </Text>
                          </Group>
                        ))}
                      </Stack>
                    </details>
                  )}
                </Table.Td>
                {point.positions.map((p) => (
                  <Table.Td key={p.party}>
                    <PositionCell position={p} />
                  </Table.Td>
                ))}
                {isLatest && (abilities.recordPositions || abilities.manage) && (
                  <Table.Td>
                    <PointActions documentId={doc.id} point={point} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
