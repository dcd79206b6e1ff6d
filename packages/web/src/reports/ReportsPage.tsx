import { Anchor, Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { AgreementPicker, useChosenAgreement } from '../exchange/AgreementPicker.tsx';
import { useStages } from '../exchange/exchange.api.ts';
import { useFormat } from '../i18n/format.ts';
import { useCategoryName } from '../persons/names.ts';
import { useWorkspace } from '../session/workspace.tsx';
import {
  BAG_STATES,
  BATCH_STATES,
  DISPUTE_KINDS,
  reportView,
  type ReportView,
} from './report-view.ts';
import { reportFileUrl, useReport, type ReportScope } from './reports.api.ts';

const WHOLE = 'agreement';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function ParityBadge({ isBalanced, isAsked = true }: { isBalanced: boolean; isAsked?: boolean }) {
  const { t } = useTranslation();
  if (!isAsked)
    return (
      <Badge variant="outline" color="gray.8">
        {t('stage.noParityAsked')}
      </Badge>
    );
  return (
    <Badge color={isBalanced ? 'teal.9' : 'red.9'}>
      {isBalanced ? t('stage.balanced') : t('stage.notBalanced')}
    </Badge>
  );
}

/** A table of numbers: one row per label, one column per side. */
function BySide({
  caption,
  sides,
  heading,
  rows,
}: {
  caption: string;
  sides: readonly string[];
  heading: (side: string) => string;
  rows: Array<{ label: ReactNode; key: string; values: Record<string, ReactNode> }>;
}) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('reports.item')}</Table.Th>
          {sides.map((side) => (
            <Table.Th key={side} scope="col" ta="right">
              {heading(side)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row" fw={400}>
              {row.label}
            </Table.Th>
            {sides.map((side) => (
              <Table.Td key={side} ta="right">
                {row.values[side]}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Report({ view, isStage }: { view: ReportView; isStage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const categoryName = useCategoryName(useWorkspace().mechanism.id);
  const n = (value: number | null | undefined) => format.integer(value ?? 0);
  const perSide = <T,>(
    items: ReadonlyArray<T & { party: string }>,
    value: (item: T) => ReactNode,
  ) => Object.fromEntries(items.map((item) => [item.party, value(item)]));
  const { sides } = view;
  return (
    <Stack gap="xl">
      <Section title={t('reports.askedAndGot.title')}>
        <BySide
          caption={t('reports.askedAndGot.caption')}
          sides={sides}
          heading={(party) => t('reports.toSide', { party })}
          rows={[
            ...(isStage
              ? []
              : [
                  {
                    key: 'asked',
                    label: t('reports.askedAndGot.askedFor'),
                    values: perSide(view.askedAndGot, (s) => n(s.askedFor)),
                  },
                ]),
            {
              key: 'path',
              label: t('reports.askedAndGot.onPath'),
              values: perSide(view.askedAndGot, (s) => n(s.onPath)),
            },
            {
              key: 'returned',
              label: t('reports.askedAndGot.returned'),
              values: perSide(view.askedAndGot, (s) => n(s.returned)),
            },
          ]}
        />
      </Section>

      <Section title={t('reports.persons.title')}>
        {view.persons.length === 0 ? (
          <Text>{t('reports.persons.none')}</Text>
        ) : (
          <Table striped withTableBorder>
            <Table.Caption>{t('reports.persons.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.heldBy')}</Table.Th>
                <Table.Th scope="col">{t('path.category')}</Table.Th>
                <Table.Th scope="col">{t('path.state')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.count')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.persons.map((p) => (
                <Table.Tr key={`${p.party}/${p.category}/${p.state}`}>
                  <Table.Td>{p.party}</Table.Td>
                  <Table.Td>{categoryName(p.category)}</Table.Td>
                  <Table.Td>{t(`state.${p.state}`)}</Table.Td>
                  <Table.Td ta="right">{n(p.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section title={t('reports.stages.title')}>
        {view.stages.length === 0 && <Text>{t('stage.none')}</Text>}
        {view.stages.map((stage) => (
          <Stack key={stage.number} gap="xs">
            <Group gap="sm">
              <Title order={3} size="h4">
                {t('reports.stages.stage', { number: stage.number })}
              </Title>
              <Badge variant="outline">{t(`stageStatus.${stage.status}`)}</Badge>
              <ParityBadge isBalanced={stage.isBalanced} isAsked={stage.isParityAsked} />
            </Group>
            <BySide
              caption={t('reports.stages.caption', { number: stage.number })}
              sides={sides}
              heading={(party) => t('reports.fromSide', { party })}
              rows={[
                {
                  key: 'on',
                  label: t('reports.stages.onStage'),
                  values: Object.fromEntries(sides.map((s) => [s, n(stage.bySide[s])])),
                },
                ...stage.parity.map((row) => ({
                  key: `parity/${row.category}`,
                  label: (
                    <Group gap="xs">
                      {t('reports.stages.counting', { category: categoryName(row.category) })}
                      {!row.isBalanced && <ParityBadge isBalanced={false} />}
                    </Group>
                  ),
                  values: Object.fromEntries(sides.map((s) => [s, n(row.bySide[s])])),
                })),
                {
                  key: 'surplus',
                  label: t('reports.stages.surplus'),
                  values: Object.fromEntries(sides.map((s) => [s, n(stage.surplus[s])])),
                },
              ]}
            />
          </Stack>
        ))}
      </Section>

      <Section title={t('reports.disputes.title')}>
        <BySide
          caption={t('reports.disputes.caption')}
          sides={sides}
          heading={(party) => t('reports.heldOrSoughtBy', { party })}
          rows={DISPUTE_KINDS.filter((kind) => view.disputes.some((d) => d.kind === kind)).map(
            (kind) => ({
              key: kind,
              label: t(`reports.disputes.${kind}`),
              values: perSide(
                view.disputes.filter((d) => d.kind === kind),
                (d) => n(d.count),
              ),
            }),
          )}
        />
      </Section>

      {!isStage && (
        <Section title={t('reports.remains.title')}>
          {view.remains.every((r) => r.bagsOffered === 0) ? (
            <Text>{t('reports.remains.none')}</Text>
          ) : (
            <>
              <Group gap="sm">
                <Text>{t('reports.remains.parity')}</Text>
                <ParityBadge isBalanced={view.remains.every((r) => r.isBalanced)} />
              </Group>
              <BySide
                caption={t('reports.remains.caption')}
                sides={view.remains.map((r) => r.party)}
                heading={(party) => t('reports.sentBy', { party })}
                rows={[
                  ...BATCH_STATES.map((state) => ({
                    key: `batches/${state}`,
                    label: t(`reports.remains.batches.${state}`),
                    values: perSide(view.remains, (r) => n(r.batches[state])),
                  })),
                  {
                    key: 'bagsOffered',
                    label: t('reports.remains.bagsOffered'),
                    values: perSide(view.remains, (r) => n(r.bagsOffered)),
                  },
                  {
                    key: 'bodiesOffered',
                    label: t('reports.remains.bodiesOffered'),
                    values: perSide(view.remains, (r) => n(r.bodiesOffered)),
                  },
                  {
                    key: 'bodiesReceived',
                    label: t('reports.remains.bodiesReceived'),
                    values: perSide(view.remains, (r) => n(r.bodiesReceived)),
                  },
                  ...BAG_STATES.map((state) => ({
                    key: `bodies/${state}`,
                    label: t(`reports.remains.bodies.${state}`),
                    values: perSide(view.remains, (r) => n(r.bodies[state])),
                  })),
                  {
                    key: 'counted',
                    label: t('reports.remains.counted'),
                    values: perSide(view.remains, (r) => n(r.bodiesCounted)),
                  },
                  {
                    key: 'returned',
                    label: t('reports.remains.returned'),
                    values: perSide(view.remains, (r) =>
                      t('reports.remains.returnedValue', {
                        bags: n(r.bagsReturned),
                        bodies: n(r.bodiesReturned),
                      }),
                    ),
                  },
                ]}
              />
            </>
          )}
        </Section>
      )}
    </Stack>
  );
}

function ReportOf({ scope, isStage }: { scope: ReportScope; isStage: boolean }) {
  const { t } = useTranslation();
  const { mechanism } = useWorkspace();
  const report = useReport(mechanism.id, scope);
  return (
    <Stack>
      <Group gap="md">
        {(['csv', 'xlsx'] as const).map((format) => (
          <Anchor key={format} href={reportFileUrl(mechanism.id, scope, format)} download>
            {t('reports.download', { format: format.toUpperCase() })}
          </Anchor>
        ))}
      </Group>
      <ErrorAlert error={report.error} />
      {report.isPending && <Loading />}
      {report.data && <Report view={reportView(report.data)} isStage={isStage} />}
    </Stack>
  );
}

/** An agreement's report, or one stage's: counts, parity, surplus, disputes, remains; as CSV or XLSX. */
export function ReportsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const chosen = useChosenAgreement();
  const stages = useStages(mechanism.id);
  const [params, setParams] = useSearchParams();
  const agreementId = chosen.chosen?.id;
  const mine = (stages.data ?? []).filter((s) => s.agreementId === agreementId);
  const stageId = mine.find((s) => s.id === params.get('stage'))?.id ?? null;
  return (
    <Stack>
      <PageHeader title={t('reports.title')} subtitle={t('reports.whose')} />
      <Group align="flex-end">
        <AgreementPicker state={chosen} />
        {agreementId && (
          <Select
            label={t('reports.scope')}
            data={[
              { value: WHOLE, label: t('reports.wholeAgreement') },
              ...mine.map((s) => ({
                value: s.id,
                label: t('reports.stageOption', {
                  number: s.number,
                  date: format.date(s.date),
                  status: t(`stageStatus.${s.status}`),
                }),
              })),
            ]}
            value={stageId ?? WHOLE}
            onChange={(value) =>
              setParams(
                value && value !== WHOLE
                  ? { agreement: agreementId, stage: value }
                  : { agreement: agreementId },
                { replace: true },
              )
            }
            allowDeselect={false}
            w={360}
          />
        )}
      </Group>
      <ErrorAlert error={stages.error} />
      {chosen.agreements.isPending && <Loading />}
      {chosen.agreements.data?.length === 0 && <Text>{t('agreements.none')}</Text>}
      {agreementId && (
        <ReportOf
          key={stageId ?? agreementId}
          scope={stageId ? { stageId } : { agreementId }}
          isStage={stageId !== null}
        />
      )}
    </Stack>
  );
}
