import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Move, PathPerson, PersonState } from '../api/exchange.types.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { isWishStep, nextStateFor } from './path.ts';

/** The moves a role may make on the selected persons of one state: the next step, or a refusal. */
export function MoveBar({
  state,
  selected,
  isBusy,
  onMove,
}: {
  state: PersonState;
  selected: PathPerson[];
  isBusy: boolean;
  onMove: (moves: Move[]) => void;
}) {
  const { t } = useTranslation();
  const { grant } = useWorkspace();
  const [reason, setReason] = useState('');
  const [handover, setHandover] = useState({ at: '', place: '' });
  const forward: Move[] = selected.flatMap((p): Move[] => {
    const to = nextStateFor(grant, state, p);
    if (!to) return [];
    if (to !== 'handed_over') return [{ personId: p.id, to }];
    // The real time and place of the handover, entered once for the persons selected.
    return [
      {
        personId: p.id,
        to,
        ...(handover.at ? { at: new Date(handover.at).toISOString() } : {}),
        ...(handover.place.trim() ? { place: handover.place.trim() } : {}),
      },
    ];
  });
  const next = forward[0]?.to;
  const wish = isWishStep(grant, state);
  if (!next && !wish) return null;
  return (
    <Group align="flex-end">
      {next === 'handed_over' && (
        <>
          <TextInput
            type="datetime-local"
            label={t('handover.at')}
            description={t('handover.atHelp')}
            value={handover.at}
            onChange={(e) => setHandover({ ...handover, at: e.currentTarget.value })}
          />
          <TextInput
            label={t('handover.place')}
            description={t('handover.placeHelp')}
            value={handover.place}
            onChange={(e) => setHandover({ ...handover, place: e.currentTarget.value })}
          />
        </>
      )}
      {next && (
        <Button disabled={forward.length === 0} loading={isBusy} onClick={() => onMove(forward)}>
          {t('path.moveTo', { count: forward.length, state: t(`state.${next}`) })}
        </Button>
      )}
      {wish && (
        <>
          <TextInput
            label={t('path.refusalReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            w={320}
          />
          <Button
            color="red.9"
            variant="outline"
            disabled={selected.length === 0 || reason.trim().length < 3}
            loading={isBusy}
            onClick={() =>
              onMove(selected.map((p) => ({ personId: p.id, to: 'refuses_return', reason })))
            }
          >
            {t('path.refusesReturn', { count: selected.length })}
          </Button>
        </>
      )}
    </Group>
  );
}
