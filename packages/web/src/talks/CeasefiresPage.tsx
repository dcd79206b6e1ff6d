import {
  Anchor,
  Badge,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { ProposeRegimeForm } from './ProposeRegimeForm.tsx';
import { StatusChange } from './StatusChange.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useCeasefires } from './talks.api.ts';
import { useTalkTexts } from './talk-texts.ts';
import { TalkText } from './TalkText.tsx';
import type { Ceasefire, CeasefireStatus } from './talks.types.ts';

const STATUS_COLOR: Record<CeasefireStatus, string> = {
  proposed: 'gray.8',
  agreed: 'blue.9',
  in_force: 'teal.9',
  expired: 'gray.8',
  broken: 'red.9',
};

export function CeasefireStatusBadge({ status }: { status: CeasefireStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={STATUS_COLOR[status]} tt="none">
      {t(`talks.ceasefireStatus.${status}`)}
    </Badge>
  );
}

/** Every ceasefire regime and local truce: what it covers, where, when, on what conditions, and its status. */
export function CeasefiresPage() {
  const { t } = useTranslation();
  const { mechanism, grant } = useWorkspace();
  const ceasefires = useCeasefires(mechanism.id);
  return (
    <Stack>
      {talksAbilitiesOf(grant).manage && <ProposeRegimeForm />}
      <ErrorAlert error={ceasefires.error} />
      {ceasefires.isPending && <Loading />}
      {ceasefires.data?.length === 0 && <Text>{t('talks.ceasefires.none')}</Text>}
      {ceasefires.data?.map((regime) => (
        <Regime key={regime.id} regime={regime} />
      ))}
    </Stack>
  );
}

function Regime({ regime }: { regime: Ceasefire }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { grant, base } = useWorkspace();
  const fact = (label: string, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed" fw={700}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
  return (
    <Card withBorder component="section" aria-labelledby={`regime-${regime.id}`}>
      <Stack>
        <Group justify="space-between">
          <TalkText
            text={regime.name}
            wrap={(words) => (
              <Title order={2} size="h4" id={`regime-${regime.id}`}>
                {words}
              </Title>
            )}
          />
          <Group>
            <Badge variant="outline" color="gray.8" tt="none">
              {t(`talks.ceasefireKind.${regime.kind}`)}
            </Badge>
            <CeasefireStatusBadge status={regime.status} />
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {fact(
            t('talks.ceasefires.scope'),
            regime.scope.map((s) => t(`talks.scope.${s}`)).join(', '),
          )}
          {fact(t('talks.ceasefires.geography'), <TalkText text={regime.geography} />)}
          {fact(t('talks.ceasefires.sectors'), regime.sectors.map(say).join(', ') || '—')}
          {fact(t('talks.ceasefires.start'), format.dateTime(regime.startsAt))}
          {fact(
            t('talks.ceasefires.duration'),
            regime.durationDays === null
              ? '—'
              : t('talks.ceasefires.days', { count: regime.durationDays }),
          )}
          {fact(t('talks.ceasefires.end'), format.dateTime(regime.endsAt))}
          {fact(t('talks.ceasefires.extension'), <TalkText text={regime.extension} />)}
          {fact(t('talks.ceasefires.monitoring'), <TalkText text={regime.monitoringBody} />)}
          {fact(t('talks.ceasefires.proposedBy'), regime.proposedBy)}
        </SimpleGrid>
        <div>
          <Text size="xs" c="dimmed" fw={700}>
            {t('talks.ceasefires.preconditions')}
          </Text>
          {regime.preconditions.length === 0 ? (
            <Text size="sm">—</Text>
          ) : (
            <List size="sm">
              {regime.preconditions.map((p) => (
                <List.Item key={p.pointId}>
                  <Anchor
                    component={Link}
                    to={`${base}/talks/documents/${encodeURIComponent(p.document)}`}
                  >
                    {say(p.document)}, {t('talks.documents.pointN', { label: p.label })}
                  </Anchor>
                  : <TalkText text={p.text} />
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <Table>
          <Table.Caption>{t('talks.ceasefires.history')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('talks.ceasefires.at')}</Table.Th>
              <Table.Th>{t('talks.ceasefires.status')}</Table.Th>
              <Table.Th>{t('talks.ceasefires.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {regime.history.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{format.dateTime(e.at)}</Table.Td>
                <Table.Td>
                  <CeasefireStatusBadge status={e.to} />
                </Table.Td>
                <Table.Td>
                  <TalkText text={e.reason} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" align="flex-end">
          <Anchor component={Link} to={`${base}/talks/violations?ceasefire=${regime.id}`}>
            {t('talks.ceasefires.violations', { name: say(regime.name) })}
          </Anchor>
          {/* Remounted on each status, so that it offers the steps from the new one. */}
          {talksAbilitiesOf(grant).manage && <StatusChange key={regime.status} regime={regime} />}
        </Group>
      </Stack>
    </Card>
  );
}
