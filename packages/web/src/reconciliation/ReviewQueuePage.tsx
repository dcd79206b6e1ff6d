import { Badge, Button, Group, Kbd, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { PairComparison } from './PairComparison.tsx';
import { useDecide, useOpenPairs } from './reconciliation.api.ts';

/**
 * The open pairs one at a time: confirm (C), reject (R) or skip (S), with an optional reason and
 * the queue's progress. The keys go by their place on the keyboard, not the letter they type, so
 * that they work on the Cyrillic layout an officer typing names has on.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const [skipped, setSkipped] = useState(0);
  const [decided, setDecided] = useState(0);
  const [reason, setReason] = useState('');
  const pairs = useOpenPairs(mechanism.id, skipped);
  const decide = useDecide(mechanism.id);
  const pair = pairs.data?.items[0];
  const open = pairs.data?.total ?? 0;
  // Busy while a decision is sent or the queue has nothing to show yet; not while the queue is
  // read again behind the pair on screen (a decision's own change coming back on the event
  // stream, the network back): a key pressed then was lost, and the pair on screen is the one
  // decided, by its id, which the server checks is still open.
  const isBusy = decide.isPending || pairs.isPending;
  const act = (decision: 'confirmed' | 'rejected') => {
    if (!pair || isBusy) return;
    decide.mutate(
      { pairId: pair.id, decision, reason: reason.trim() },
      {
        onSuccess: () => {
          setDecided((n) => n + 1);
          setReason('');
        },
      },
    );
  };
  const skip = () => {
    if (pair && !isBusy) setSkipped((n) => n + 1);
  };
  const physical = { usePhysicalKeys: true };
  useHotkeys([
    ['c', () => act('confirmed'), physical],
    ['r', () => act('rejected'), physical],
    ['s', skip, physical],
  ]);
  const seen = decided + skipped;
  return (
    <Stack>
      <PageHeader
        title={t('review.title')}
        subtitle={t('review.whose', { parties: mechanism.parties.join(', ') })}
      />
      <Group gap="md" aria-live="polite">
        <Text size="sm">
          {t('review.progress', { decided: format.integer(decided), open: format.integer(open) })}
        </Text>
        {skipped > 0 && (
          <Button variant="subtle" size="compact-sm" onClick={() => setSkipped(0)}>
            {t('review.backToSkipped', { n: skipped })}
          </Button>
        )}
      </Group>
      <Progress
        value={seen + open > 0 ? (100 * decided) / (decided + open) : 0}
        aria-label={t('review.progressLabel')}
      />
      <ErrorAlert error={pairs.error} />
      <ErrorAlert error={decide.error} />
      {pairs.isPending && <Loading />}
      {pairs.data && !pair && (
        <SuccessAlert title={skipped > 0 ? t('review.onlySkipped') : t('review.empty')}>
          {t('review.emptyHelp')}
        </SuccessAlert>
      )}
      {pair && (
        <>
          <Group gap="xs">
            <Badge variant="light">{t(`pairKind.${pair.kind}`)}</Badge>
            <Badge variant="outline">
              {t('review.score', {
                weight: format.decimal(pair.weight),
                probability: format.percent(pair.probability),
              })}
            </Badge>
            {pair.reopened && <Badge color="red.9">{t('review.reopened')}</Badge>}
          </Group>
          <PairComparison pair={pair} />
          <TextInput
            label={t('review.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={2000}
            disabled={isBusy}
          />
          <Group>
            <Button
              color="teal.9"
              onClick={() => act('confirmed')}
              disabled={isBusy}
              rightSection={<Kbd>C</Kbd>}
            >
              {t('review.confirm')}
            </Button>
            <Button
              color="red.9"
              onClick={() => act('rejected')}
              disabled={isBusy}
              rightSection={<Kbd>R</Kbd>}
            >
              {t('review.reject')}
            </Button>
            <Button variant="default" onClick={skip} disabled={isBusy} rightSection={<Kbd>S</Kbd>}>
              {t('review.skip')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('review.shortcuts')}
          </Text>
        </>
      )}
    </Stack>
  );
}
