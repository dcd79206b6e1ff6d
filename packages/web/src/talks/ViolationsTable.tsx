import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import type { Ceasefire, Violation } from './talks.types.ts';
import { ViolationReview } from './ViolationReview.tsx';
import { useTalkTexts } from './talk-texts.ts';
import { TalkText } from './TalkText.tsx';

/** Reports with what was observed and how it is assessed in columns of their own. */
export function ViolationsTable({ items, regimes }: { items: Violation[]; regimes: Ceasefire[] }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { grant } = useWorkspace();
  const canVerify = talksAbilitiesOf(grant).verify;
  const regimeName = (id: string | null) => say(regimes.find((r) => r.id === id)?.name) || '—';
  const line = (label: string, value: string | number | null) =>
    value === null || value === '' ? null : (
      <Text size="xs">
        <Text span size="xs" c="dimmed">
          {label}:
        </Text>{' '}
        {value}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Caption>{t('talks.violations.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('talks.violations.window')}</Table.Th>
            <Table.Th>{t('talks.violations.sector')}</Table.Th>
            <Table.Th>{t('talks.violations.reporter')}</Table.Th>
            <Table.Th>{t('talks.violations.observation')}</Table.Th>
            <Table.Th>{t('talks.violations.assessment')}</Table.Th>
            <Table.Th>{t('talks.violations.verification')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Text size="sm">{format.dateTime(v.observation.windowStart)}</Text>
                <Text size="xs" c="dimmed">
                  – {format.dateTime(v.observation.windowEnd)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <TalkText text={v.sector} />
                </Text>
                <Text size="xs" c="dimmed">
                  {regimeName(v.ceasefireId)}
                </Text>
              </Table.Td>
              <Table.Td>
                {v.reporter.kind === 'party'
                  ? t('talks.violations.byParty', { party: v.reporter.name })
                  : t('talks.violations.byMonitor', { name: v.reporter.name })}
                {v.importLine !== null && (
                  <Text size="xs" c="dimmed">
                    {t('talks.violations.fromLine', { line: v.importLine })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {line(
                    t('talks.violations.eventType'),
                    t(`talks.eventType.${v.observation.eventType}`),
                  )}
                  {line(t('talks.violations.count'), format.integer(v.observation.count))}
                  {line(t('talks.violations.source'), t(`talks.source.${v.observation.source}`))}
                  {line(
                    t('talks.violations.perceived'),
                    t(`talks.perceived.${v.observation.perceived}`),
                  )}
                  {v.observation.observerPosition &&
                    line(
                      t('talks.violations.position'),
                      `${format.decimal(v.observation.observerPosition.latitude)}, ${format.decimal(v.observation.observerPosition.longitude)}`,
                    )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {line(t('talks.violations.weapon'), say(v.assessment.weapon))}
                  {line(
                    t('talks.violations.bearing'),
                    v.assessment.bearingDeg === null
                      ? null
                      : `${format.decimal(v.assessment.bearingDeg)}°`,
                  )}
                  {line(
                    t('talks.violations.distance'),
                    v.assessment.distanceKm === null
                      ? null
                      : `${format.decimal(v.assessment.distanceKm)} km`,
                  )}
                  {line(t('talks.violations.trajectory'), say(v.assessment.trajectory))}
                  {line(
                    t('talks.violations.confidence'),
                    v.assessment.confidence && t(`talks.confidence.${v.assessment.confidence}`),
                  )}
                  {line(t('talks.violations.consequences'), say(v.assessment.consequences))}
                  {line(t('talks.violations.attribution'), say(v.assessment.attribution))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color="gray.8" tt="none">
                  {t(`talks.verification.${v.verification}`)}
                </Badge>
                {canVerify && <ViolationReview violation={v} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
