import { Group, NumberInput, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../session/workspace.tsx';
import { FoldingForm } from './FoldingForm.tsx';
import { useAddRound } from './talks.api.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The mediator records a round: when, where, who mediated, who led each delegation, what came of it. */
export function AddRoundForm() {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const add = useAddRound(mechanism.id);
  const [opened, { toggle, close }] = useDisclosure(false);
  const [date, setDate] = useState('');
  const [venue, setVenue] = useState('');
  const [mediators, setMediators] = useState(mechanism.mediators.join(', '));
  const [heads, setHeads] = useState(mechanism.parties.map(() => ''));
  const [duration, setDuration] = useState<number | string>('');
  const [outcomes, setOutcomes] = useState('');
  const [summary, setSummary] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        date,
        venue,
        mediators: mediators
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
        delegations: mechanism.parties.map((party, i) => ({
          party,
          head: heads[i]?.trim() || null,
          members: [],
        })),
        durationMinutes: duration === '' ? null : Number(duration),
        summary,
        outcomes: lines(outcomes).map((text) => ({ text })),
      },
      { onSuccess: close },
    );
  };
  return (
    <FoldingForm
      title={t('talks.rounds.add')}
      opened={opened}
      onToggle={toggle}
      onSubmit={submit}
      saved={add.isSuccess ? t('talks.rounds.added', { number: add.data.number }) : null}
      error={add.error}
      isSaving={add.isPending}
      saveLabel={t('talks.rounds.saveNew')}
    >
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
        <TextInput
          label={t('talks.rounds.mediators')}
          description={t('talks.rounds.mediatorsHelp')}
          value={mediators}
          onChange={(e) => setMediators(e.currentTarget.value)}
        />
      </Group>
      <Group grow align="flex-start">
        {mechanism.parties.map((party, i) => (
          <TextInput
            key={party}
            label={t('talks.rounds.headOf', { party })}
            value={heads[i] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setHeads((all) => all.map((h, j) => (j === i ? value : h)));
            }}
          />
        ))}
        <NumberInput
          label={t('talks.rounds.durationMinutes')}
          value={duration}
          onChange={setDuration}
          min={1}
          allowDecimal={false}
        />
      </Group>
      <Textarea
        label={t('talks.rounds.outcomes')}
        description={t('talks.rounds.outcomesHelp')}
        value={outcomes}
        onChange={(e) => setOutcomes(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('talks.rounds.summary')}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FoldingForm>
  );
}
