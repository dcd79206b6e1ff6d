import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import type { Dashboard, DisputeKind } from './dashboard.api.ts';

const KINDS: readonly DisputeKind[] = [
  'not_acknowledged',
  'data_mismatch',
  'refuses_return',
  'not_cleared',
];

/** Open disputes per side, each with a link to the screen where it is handled. */
export function OpenDisputes({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { base } = useWorkspace();
  const { disputes, viewer } = dashboard;
  const kinds = KINDS.filter((k) => disputes.some((d) => d.kind === k));
  const count = (kind: DisputeKind, party: string) =>
    disputes.find((d) => d.kind === kind && d.party === party)?.count ?? 0;
  // Lines not acknowledged are settled in the reconciliation; persons, on the path board.
  const whereHandled = (kind: DisputeKind) =>
    kind === 'not_acknowledged' ? `${base}/reconciliation` : `${base}/stages`;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('dashboard.disputes')}
      </Title>
      {kinds.length === 0 ? (
        <Text size="sm">{t('dashboard.noDisputes')}</Text>
      ) : (
        <Table data-testid="disputes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.dispute')}</Table.Th>
              {viewer.sides.map((side) => (
                <Table.Th key={side} scope="col" ta="right">
                  {side}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('dashboard.handledIn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kinds.map((kind) => (
              <Table.Tr key={kind}>
                <Table.Th scope="row" fw={400}>
                  {t(`dashboard.disputeKind.${kind}`)}
                </Table.Th>
                {viewer.sides.map((side) => (
                  <Table.Td key={side} ta="right">
                    {format.integer(count(kind, side))}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Anchor component={Link} to={whereHandled(kind)} size="sm">
                    {kind === 'not_acknowledged'
                      ? t('dashboard.toReconciliation')
                      : t('dashboard.toPathBoard')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!viewer.readsReconciliation && viewer.readsExchange && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('dashboard.noReconciliationForRole')}
        </Text>
      )}
    </Card>
  );
}
