import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useChangeStatus } from './talks.api.ts';
import type { Ceasefire, CeasefireStatus } from './talks.types.ts';
import { useTalkTexts } from './talk-texts.ts';

// The server refuses any other step (TALKS.STATUS_TRANSITION); offering only these saves a refusal.
const NEXT: Record<CeasefireStatus, CeasefireStatus[]> = {
  proposed: ['agreed'],
  agreed: ['in_force', 'broken'],
  in_force: ['expired', 'broken'],
  expired: [],
  broken: [],
};

/** The mediator moves a regime to its next status, with the moment and the reason. */
export function StatusChange({ regime }: { regime: Ceasefire }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const { mechanism } = useWorkspace();
  const change = useChangeStatus(mechanism.id);
  const next = NEXT[regime.status];
  const [to, setTo] = useState<CeasefireStatus | null>(next[0] ?? null);
  const [reason, setReason] = useState('');
  // The moment it took effect, in the user's time zone; now when left empty.
  const [at, setAt] = useState('');
  if (next.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (to)
      change.mutate({
        id: regime.id,
        to,
        reason: reason || null,
        ...(at ? { at: new Date(at).toISOString() } : {}),
      });
  };
  return (
    <form
      onSubmit={submit}
      aria-label={t('talks.ceasefires.changeStatusOf', { name: say(regime.name) })}
    >
      <Group align="flex-end">
        <Select
          label={t('talks.ceasefires.newStatus')}
          data={next.map((s) => ({ value: s, label: t(`talks.ceasefireStatus.${s}`) }))}
          value={to}
          onChange={(v) => setTo(v)}
          allowDeselect={false}
          w={160}
        />
        <TextInput
          type="datetime-local"
          label={t('talks.ceasefires.statusAt')}
          description={t('talks.ceasefires.statusAtHelp')}
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
        />
        <TextInput
          label={t('talks.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button type="submit" loading={change.isPending}>
          {t('talks.ceasefires.changeStatus')}
        </Button>
      </Group>
      <ErrorAlert error={change.error} />
    </form>
  );
}
