import { Card, List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { Activity } from './dashboard.api.ts';
import { useLabels } from './labels.ts';

// The server's action names, and the key of their words in dashboard.action.
const ACTIONS = {
  'list.import': 'list_import',
  'reconciliation.start': 'reconciliation_start',
  'reconciliation.done': 'reconciliation_done',
  'agreement.create': 'agreement_create',
  'agreement.revise': 'agreement_revise',
  'agreement.status': 'agreement_status',
  'eligibility.evaluate': 'eligibility_evaluate',
  'exchange.open': 'exchange_open',
  'exchange.move': 'exchange_move',
  'exchange.stage.propose': 'exchange_stage_propose',
  'exchange.stage.approve': 'exchange_stage_approve',
  'exchange.stage.refill': 'exchange_stage_refill',
  'exchange.manifest.sign': 'exchange_manifest_sign',
  'exchange.manifest.correct': 'exchange_manifest_correct',
  'exchange.receipt.issue': 'exchange_receipt_issue',
} as const;
const isKnown = (action: string): action is keyof typeof ACTIONS => action in ACTIONS;

/** The newest changes the reader may hear of: who did what, and when. */
export function RecentActivity({ activity }: { activity: readonly Activity[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const describe = (a: Activity) => {
    const key = isKnown(a.action) ? ACTIONS[a.action] : 'other';
    return t(`dashboard.action.${key}`, {
      count: a.count ?? 1,
      party: a.party ?? '',
      list:
        a.kind && a.party
          ? t(`lists.title.${a.kind === 'held' ? 'held' : 'sought'}`, { party: a.party })
          : '',
      number: a.number ?? '',
      state: a.to ? labels.state(a.to) : '',
      action: a.action,
    });
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('dashboard.activity')}
      </Title>
      {activity.length === 0 ? (
        <Text size="sm">{t('dashboard.noActivity')}</Text>
      ) : (
        <List spacing={4} size="sm" listStyleType="none" data-testid="activity">
          {activity.map((a) => (
            <List.Item key={a.seq}>
              <Text span size="sm" c="dimmed">
                {format.dateTime(a.at)}
              </Text>{' '}
              <Text span size="sm" fw={600}>
                {a.actor.replace(/^user:/, '')}
              </Text>{' '}
              {describe(a)}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
