import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { CorrectRoundForm } from './CorrectRoundForm.tsx';
import { OutcomeList } from './OutcomeList.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useRounds } from './talks.api.ts';
import { TalkText } from './TalkText.tsx';

/** One round: date, venue, mediators, each delegation with its head and members, duration, outcomes. */
export function RoundPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { roundId } = useParams();
  const { mechanism, grant, base } = useWorkspace();
  const rounds = useRounds(mechanism.id);
  const round = rounds.data?.find((r) => r.id === roundId);
  if (rounds.isPending) return <Loading />;
  if (rounds.error) return <ErrorAlert error={rounds.error} />;
  if (!round) return <Text>{t('talks.rounds.notFound')}</Text>;
  const minutes = round.durationMinutes;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('talks.rounds.heading', { number: round.number, date: format.date(round.date) })}
        </Title>
        <Anchor component={Link} to={`${base}/talks/rounds`}>
          {t('talks.rounds.back')}
        </Anchor>
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Fact label={t('talks.rounds.date')} value={format.date(round.date)} />
          <Fact label={t('talks.rounds.venue')} value={<TalkText text={round.venue} />} />
          <Fact label={t('talks.rounds.mediators')} value={round.mediators.join(', ') || '—'} />
          <Fact
            label={t('talks.rounds.duration')}
            value={
              minutes === null
                ? '—'
                : t('talks.rounds.hoursMinutes', {
                    hours: Math.floor(minutes / 60),
                    minutes: minutes % 60,
                  })
            }
          />
        </SimpleGrid>
        {round.summary && (
          <Text mt="md" size="sm">
            <TalkText text={round.summary} />
          </Text>
        )}
      </Card>
      <Title order={3} size="h4">
        {t('talks.rounds.delegations')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {round.delegations.map((d) => (
          <Card key={d.party} withBorder>
            <Text fw={700}>{t('talks.rounds.delegationOf', { party: d.party })}</Text>
            <Text size="sm">
              {t('talks.rounds.head')}: <TalkText text={d.head} />
            </Text>
            {d.members.length > 0 && (
              <List size="sm" mt="xs">
                {d.members.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            )}
          </Card>
        ))}
      </SimpleGrid>
      <Title order={3} size="h4">
        {t('talks.rounds.outcomes')}
      </Title>
      <OutcomeList outcomes={round.outcomes} />
      {talksAbilitiesOf(grant).manage && <CorrectRoundForm round={round} />}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700}>
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}
