import { Badge, NavLink, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useInbox } from '../inbox/inbox.api.ts';
import { useFormat } from '../i18n/format.ts';
import { listsOf } from '../session/abilities.ts';
import { useWorkspace } from '../session/workspace.tsx';

/** The sections a role may open, in the order of the exchange. */
export function WorkspaceNavigation() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { mechanism, grant, abilities, base } = useWorkspace();
  const format = useFormat();
  // What waits in this role here; the inbox page shows every role's.
  const waiting = (useInbox().data?.items ?? [])
    .filter(
      (i) => i.mechanismId === mechanism.id && i.role === grant.role && i.party === grant.party,
    )
    .reduce((sum, i) => sum + i.count, 0);
  const link = (to: string, label: string, extra?: { description?: string }) => (
    <NavLink
      key={to}
      component={Link}
      to={to}
      label={label}
      active={pathname === to}
      aria-current={pathname === to ? 'page' : undefined}
      {...extra}
    />
  );
  return (
    <ScrollArea>
      <NavLink
        component={Link}
        to="/inbox"
        label={t('inbox.title')}
        rightSection={
          waiting > 0 ? (
            <Badge color="red.9" size="sm">
              {format.integer(waiting)}
            </Badge>
          ) : undefined
        }
      />
      {abilities.readExchange && link(`${base}/overview`, t('dashboard.nav'))}
      {abilities.seeLists && (
        <>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs">
            {t('nav.lists')}
          </Text>
          {listsOf(grant, mechanism).map(({ party, kind }) =>
            link(`${base}/lists/${party}/${kind}`, t(`lists.title.${kind}`, { party })),
          )}
        </>
      )}
      {abilities.readReconciliation && (
        <>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md">
            {t('nav.reconciliation')}
          </Text>
          {link(`${base}/reconciliation`, t('nav.runs'))}
          {abilities.decidePairs && link(`${base}/review`, t('nav.review'))}
        </>
      )}
      {grant.permissions['outcomes.read'] !== undefined &&
        link(`${base}/outcome-lists`, t('outcomes.nav'))}
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md">
        {t('nav.exchange')}
      </Text>
      {link(`${base}/agreements`, t('nav.agreements'))}
      {abilities.readExchange && link(`${base}/stages`, t('nav.stages'))}
      {abilities.readExchange && link(`${base}/manifests`, t('nav.manifests'))}
      {abilities.readExchange && link(`${base}/receipts`, t('receipts.nav'))}
      {abilities.readExchange && link(`${base}/remains`, t('remains.title'))}
      {abilities.readExchange && link(`${base}/reports`, t('reports.title'))}
      {grant.permissions['inquiry.read'] !== undefined && (
        <NavLink
          component={Link}
          to={`${base}/inquiries`}
          label={t('inquiries.nav')}
          active={pathname.startsWith(`${base}/inquiries`)}
          aria-current={pathname.startsWith(`${base}/inquiries`) ? 'page' : undefined}
        />
      )}
      <NavLink
        component={Link}
        to={`${base}/talks`}
        label={t('nav.talks')}
        active={pathname.startsWith(`${base}/talks`)}
        aria-current={pathname.startsWith(`${base}/talks`) ? 'page' : undefined}
      />
    </ScrollArea>
  );
}
