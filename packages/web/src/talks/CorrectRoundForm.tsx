import { Button, Card, Group, NumberInput, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useCorrectRound, type RoundCorrection } from './talks.api.ts';
import type { Round } from './talks.types.ts';

/** The mediator corrects a round's details; only what changed is sent, with the reason. */
export function CorrectRoundForm({ round }: { round: Round }) {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const correct = useCorrectRound(mechanism.id, round.id);
  const [date, setDate] = useState(round.date);
  const [venue, setVenue] = useState(round.venue);
  const [mediators, setMediators] = useState(round.mediators.join(', '));
  const [duration, setDuration] = useState<number | string>(round.durationMinutes ?? '');
  const [summary, setSummary] = useState(round.summary);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = mediators
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    const minutes = duration === '' ? null : Number(duration);
    const change: RoundCorrection = {
      ...(date !== round.date ? { date } : {}),
      ...(venue !== round.venue ? { venue } : {}),
      ...(list.join(',') !== round.mediators.join(',') ? { mediators: list } : {}),
      ...(minutes !== round.durationMinutes ? { durationMinutes: minutes } : {}),
      ...(summary !== round.summary ? { summary } : {}),
      reason: reason || null,
    };
    correct.mutate(change);
  };
  return (
    <Card withBorder component="form" onSubmit={submit}>
      <Stack>
        <Title order={3} size="h4">
          {t('talks.rounds.correct')}
        </Title>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('talks.rounds.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('talks.rounds.venue')}
            value={venue}
            onChange={(e) => setVenue(e.currentTarget.value)}
            required
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('talks.rounds.mediators')}
            description={t('talks.rounds.mediatorsHelp')}
            value={mediators}
            onChange={(e) => setMediators(e.currentTarget.value)}
          />
          <NumberInput
            label={t('talks.rounds.durationMinutes')}
            value={duration}
            onChange={setDuration}
            min={1}
            allowDecimal={false}
          />
        </Group>
        <Textarea
          label={t('talks.rounds.summary')}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <TextInput
          label={t('talks.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={correct.error} />
        {correct.isSuccess && <SuccessAlert title={t('talks.rounds.corrected')} />}
        <Group>
          <Button type="submit" loading={correct.isPending}>
            {t('talks.rounds.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
