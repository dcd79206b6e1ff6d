import { Button, Checkbox, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { PeriodCell } from './PeriodCell.tsx';
import { useDeleteDue, useRetention } from './retention.api.ts';

/** How long each category of data is kept, what has expired, and its deletion. */
export function RetentionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const retention = useRetention();
  const remove = useDeleteDue();
  const [isSure, setSure] = useState(false);
  const due = (retention.data ?? []).reduce((n, row) => n + (row.due ?? 0), 0);
  return (
    <Stack>
      <PageHeader title={t('retention.title')} subtitle={t('retention.help')} />
      <ErrorAlert error={retention.error} />
      {retention.isPending && <Loading />}
      {retention.data && (
        <Table.ScrollContainer minWidth={860}>
          <Table>
            <Table.Caption>{t('retention.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('retention.categoryHeader')}</Table.Th>
                <Table.Th>{t('retention.expiry')}</Table.Th>
                <Table.Th>{t('retention.days')}</Table.Th>
                <Table.Th>{t('retention.expiredBefore')}</Table.Th>
                <Table.Th>{t('retention.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {retention.data.map((row) => (
                <Table.Tr key={row.category}>
                  <Table.Th scope="row">{t(`retention.category.${row.category}`)}</Table.Th>
                  <Table.Td>{t(`retention.description.${row.category}`)}</Table.Td>
                  <Table.Td>
                    <PeriodCell key={row.days ?? 'none'} row={row} />
                  </Table.Td>
                  <Table.Td>
                    {row.expiredBefore ? format.dateTime(row.expiredBefore) : '—'}
                  </Table.Td>
                  <Table.Td>
                    {row.due === null ? t('retention.keptForever') : format.integer(row.due)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h4">
        {t('retention.deleteTitle')}
      </Title>
      <Text size="sm">{t('retention.deleteHelp', { count: due, n: format.integer(due) })}</Text>
      <Checkbox
        label={t('retention.sure')}
        checked={isSure}
        onChange={(e) => setSure(e.currentTarget.checked)}
      />
      <Button
        color="red.9"
        w="fit-content"
        disabled={!isSure || due === 0}
        loading={remove.isPending}
        onClick={() => remove.mutate(undefined, { onSuccess: () => setSure(false) })}
      >
        {t('retention.delete')}
      </Button>
      <ErrorAlert error={remove.error} />
      {remove.data && (
        <SuccessAlert title={t('retention.deleted')}>
          {remove.data
            .filter((row) => row.deletedRows !== null)
            .map((row) => (
              <Text size="sm" key={row.category}>
                {t('retention.deletedRows', {
                  category: t(`retention.category.${row.category}`),
                  count: row.deletedRows ?? 0,
                  n: format.integer(row.deletedRows ?? 0),
                })}
              </Text>
            ))}
        </SuccessAlert>
      )}
    </Stack>
  );
}
