import {
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useAgreements } from '../agreements/agreements.api.ts';
import { useCorrectRound } from './talks.api.ts';
import type { Round, RoundCorrection } from './talks.types.ts';
import { agreementNameIn } from '../agreements/agreement-name.ts';

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
  const [heads, setHeads] = useState(round.delegations.map((d) => d.head ?? ''));
  const [outcomes, setOutcomes] = useState(
    round.outcomes.map((o) => ({ text: o.text, agreementId: o.agreement?.id ?? null })),
  );
  const [reason, setReason] = useState('');
  const agreements = useAgreements(mechanism.id);
  const setOutcome = (i: number, change: Partial<(typeof outcomes)[number]>) =>
    setOutcomes((all) => all.map((o, j) => (j === i ? { ...o, ...change } : o)));
  const delegations = round.delegations.map((d, i) => ({ ...d, head: heads[i]?.trim() || null }));
  const keptOutcomes = outcomes.filter((o) => o.text.trim());
  const isSame = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
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
      ...(isSame(delegations, round.delegations) ? {} : { delegations }),
      ...(isSame(
        keptOutcomes,
        round.outcomes.map((o) => ({ text: o.text, agreementId: o.agreement?.id ?? null })),
      )
        ? {}
        : { outcomes: keptOutcomes }),
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
        <Group grow align="flex-start">
          {round.delegations.map((d, i) => (
            <TextInput
              key={d.party}
              label={t('talks.rounds.headOf', { party: d.party })}
              value={heads[i] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setHeads((all) => all.map((h, j) => (j === i ? value : h)));
              }}
            />
          ))}
        </Group>
        <Stack gap="xs">
          <Text fw={700} size="sm">
            {t('talks.rounds.outcomes')}
          </Text>
          {outcomes.map((o, i) => (
            <Group key={i} align="flex-end">
              <TextInput
                label={t('talks.rounds.outcomeN', { number: i + 1 })}
                value={o.text}
                onChange={(e) => setOutcome(i, { text: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <Select
                label={t('talks.rounds.producedAgreement')}
                placeholder={t('talks.rounds.noAgreement')}
                data={(agreements.data ?? []).map((a) => ({
                  value: a.id,
                  label: agreementNameIn(t, a.name),
                }))}
                value={o.agreementId}
                onChange={(v) => setOutcome(i, { agreementId: v })}
                clearable
                w={260}
              />
              <Button
                variant="default"
                onClick={() => setOutcomes((all) => all.filter((_, j) => j !== i))}
              >
                {t('talks.rounds.removeOutcome', { number: i + 1 })}
              </Button>
            </Group>
          ))}
          <Button
            variant="default"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setOutcomes((all) => [...all, { text: '', agreementId: null }])}
          >
            {t('talks.rounds.addOutcome')}
          </Button>
        </Stack>
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
