import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ParityTable } from '../exchange/ParityTable.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { CurrentCounts } from './CurrentCounts.tsx';
import { useDashboard } from './dashboard.api.ts';
import { NextStages } from './NextStages.tsx';
import { OpenDisputes } from './OpenDisputes.tsx';
import { PersonsOverTime } from './PersonsOverTime.tsx';
import { RecentActivity } from './RecentActivity.tsx';
import { agreementNameIn } from '../agreements/agreement-name.ts';

/** The mechanism at a glance, as the reader's role and party may see it. */
export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant } = useWorkspace();
  const dashboard = useDashboard(mechanism.id);
  const data = dashboard.data;
  // A template's category in the reader's language; another agreement's as it names it.
  const categoryName = (id: string) =>
    t(`categoryName.${id}`, { defaultValue: data?.categoryNames[id] ?? id });
  const whose = grant.party
    ? t('dashboard.whoseParty', { party: grant.party })
    : t('dashboard.whoseAll', { parties: mechanism.parties.join(', ') });
  return (
    <Stack>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={
          data
            ? `${whose} ${t('dashboard.asOf', { at: format.dateTime(data.generatedAt) })}`
            : whose
        }
      />
      <ErrorAlert error={dashboard.error} />
      {dashboard.isPending && <Loading />}
      {data && !data.viewer.readsExchange && <Text>{t('dashboard.noExchangeForRole')}</Text>}
      {data && data.viewer.readsExchange && (
        <>
          {data.series.byState.length === 0 ? (
            <Text>{t('dashboard.nobodyOnPath')}</Text>
          ) : (
            <PersonsOverTime
              byState={data.series.byState}
              byCategory={data.series.byCategory}
              categoryName={categoryName}
            />
          )}
          <CurrentCounts
            byState={data.persons.byState}
            byCategory={data.persons.byCategory}
            sides={data.viewer.sides}
            categoryName={categoryName}
          />
          <OpenDisputes dashboard={data} />
          <NextStages stages={data.nextStages} sides={mechanism.parties} />
          {data.parity.map((agreement) => (
            <Card withBorder key={agreement.agreementId}>
              <Title order={2} size="h4" mb="xs">
                {t('dashboard.parityOf', { agreement: agreementNameIn(t, agreement.name) })}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {t('dashboard.parityHelp')}
              </Text>
              <ParityTable
                parity={{
                  ...agreement,
                  rows: agreement.rows.map((row) => ({
                    ...row,
                    category: categoryName(row.category),
                  })),
                }}
                sides={mechanism.parties}
              />
            </Card>
          ))}
        </>
      )}
      {data && <RecentActivity activity={data.activity} />}
    </Stack>
  );
}
