import { Anchor, Badge, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { fullName } from './inquiry-words.ts';
import { useSamePersonQueue, type PairSide } from './same-person.api.ts';

const nameOf = (side: PairSide) => (side.sought ? fullName(side.sought) : '—');

/** The party's pairs of inquiries the engine was unsure are about one person: the bureau's queue. */
export function SamePersonQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, base } = useWorkspace();
  const [state, setState] = useState<'waiting' | 'decided'>('waiting');
  const queue = useSamePersonQueue(mechanism.id, state);
  return (
    <Stack>
      <PageHeader title={t('inquiries.review.title')} subtitle={t('inquiries.review.help')} />
      <SegmentedControl
        w="fit-content"
        value={state}
        onChange={(value) => setState(value === 'decided' ? 'decided' : 'waiting')}
        data={[
          { value: 'waiting', label: t('inquiries.review.waiting') },
          { value: 'decided', label: t('inquiries.review.decided') },
        ]}
      />
      <ErrorAlert error={queue.error} />
      {queue.isPending && <Loading />}
      {queue.data && (
        <>
          <Text>{t('inquiries.review.count', { count: queue.data.total })}</Text>
          <Table aria-label={t('inquiries.review.title')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inquiries.review.pair')}</Table.Th>
                <Table.Th>{t('inquiries.review.first')}</Table.Th>
                <Table.Th>{t('inquiries.review.second')}</Table.Th>
                <Table.Th>{t('inquiries.review.probability')}</Table.Th>
                <Table.Th>{t('inquiries.statusTitle')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.pairs.map((pair) => (
                <Table.Tr key={pair.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/inquiries/same-person/${pair.id}`}>
                      {t('inquiries.review.open', {
                        first: pair.inquiry.number ?? '—',
                        second: pair.other.number ?? '—',
                      })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {nameOf(pair.inquiry)} · {pair.inquiry.sought?.dateOfBirth ?? '—'}
                  </Table.Td>
                  <Table.Td>
                    {nameOf(pair.other)} · {pair.other.sought?.dateOfBirth ?? '—'}
                  </Table.Td>
                  <Table.Td>{format.percent(pair.probability)}</Table.Td>
                  <Table.Td>
                    <Badge color="gray.8">{t(`inquiries.matchStatus.${pair.status}`)}</Badge>
                    {pair.reason && (
                      <Text size="sm" mt={4}>
                        {pair.reason}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
