import { Badge, Button, Group, Kbd, Progress, Stack, Text } from '@mantine/core';
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

/** The open pairs one at a time: confirm (c), reject (r) or skip (s), with the queue's progress. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const [skipped, setSkipped] = useState(0);
  const [decided, setDecided] = useState(0);
  const pairs = useOpenPairs(mechanism.id, skipped);
  const decide = useDecide(mechanism.id);
  const pair = pairs.data?.items[0];
  const open = pairs.data?.total ?? 0;
  const isBusy = decide.isPending || pairs.isFetching;
  const act = (decision: 'confirmed' | 'rejected') => {
    if (!pair || isBusy) return;
    decide.mutate({ pairId: pair.id, decision }, { onSuccess: () => setDecided((n) => n + 1) });
  };
  const skip = () => {
    if (pair && !isBusy) setSkipped((n) => n + 1);
  };
  useHotkeys([
    ['c', () => act('confirmed')],
    ['r', () => act('rejected')],
    ['s', skip],
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
          <Group>
            <Button
              color="teal.9"
              onClick={() => act('confirmed')}
              disabled={isBusy}
              rightSection={<Kbd>c</Kbd>}
            >
              {t('review.confirm')}
            </Button>
            <Button
              color="red.9"
              onClick={() => act('rejected')}
              disabled={isBusy}
              rightSection={<Kbd>r</Kbd>}
            >
              {t('review.reject')}
            </Button>
            <Button variant="default" onClick={skip} disabled={isBusy} rightSection={<Kbd>s</Kbd>}>
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
