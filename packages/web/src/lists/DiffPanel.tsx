import { Badge, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonLine } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useDiff, useVersions, type ListRef } from './lists.api.ts';

const nameOf = (line: PersonLine) =>
  [line.surname, line.givenName, line.patronymic].filter(Boolean).join(' ') || '—';

/** What changed between two versions of a list: lines added, removed and changed, by record id. */
export function DiffPanel({ list }: { list: ListRef }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useVersions(list);
  const latest = versions.data?.at(-1)?.number ?? null;
  const [to, setTo] = useState<number | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const target = to ?? latest;
  const diff = useDiff(list, target, from);
  if (versions.isPending) return <Loading />;
  if (versions.error) return <ErrorAlert error={versions.error} />;
  if (latest === null) return <Text>{t('lists.noVersions')}</Text>;
  const options = versions.data.map((v) => ({
    value: String(v.number),
    label: t('lists.versionN', { n: v.number }),
  }));
  return (
    <Stack>
      <Group>
        <Select
          label={t('diff.from')}
          placeholder={t('diff.previous')}
          clearable
          value={from === null ? null : String(from)}
          onChange={(v) => setFrom(v ? Number(v) : null)}
          data={options}
          w={180}
        />
        <Select
          label={t('diff.to')}
          value={String(target)}
          allowDeselect={false}
          onChange={(v) => setTo(v ? Number(v) : null)}
          data={options}
          w={180}
        />
      </Group>
      <ErrorAlert error={diff.error} />
      {diff.isPending && <Loading />}
      {diff.data && (
        <>
          <Group gap="xs" aria-live="polite">
            <Badge color="teal.9" variant="outline">
              {t('diff.added', { n: format.integer(diff.data.added.length) })}
            </Badge>
            <Badge color="red.9" variant="outline">
              {t('diff.removed', { n: format.integer(diff.data.removed.length) })}
            </Badge>
            <Badge color="yellow" variant="dot">
              {t('diff.changed', { n: format.integer(diff.data.changed.length) })}
            </Badge>
            <Badge color="gray" variant="light">
              {t('diff.unchanged', { n: format.integer(diff.data.unchangedCount) })}
            </Badge>
          </Group>
          {diff.data.from === null && <Text size="sm">{t('diff.first')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <LineList title={t('diff.addedTitle')} lines={diff.data.added} />
            <LineList title={t('diff.removedTitle')} lines={diff.data.removed} />
          </SimpleGrid>
          {diff.data.changed.length > 0 && (
            <>
              <Title order={2} size="h4">
                {t('diff.changedTitle')}
              </Title>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('field.recordId')}</Table.Th>
                    <Table.Th>{t('diff.column')}</Table.Th>
                    <Table.Th>{t('diff.before')}</Table.Th>
                    <Table.Th>{t('diff.after')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {diff.data.changed.flatMap(({ recordId, changes }) =>
                    changes.map((c) => (
                      <Table.Tr key={`${recordId}-${c.column}`}>
                        <Table.Td>{recordId}</Table.Td>
                        <Table.Td>{c.column}</Table.Td>
                        <Table.Td>
                          <del>{c.before}</del>
                        </Table.Td>
                        <Table.Td>
                          <ins>{c.after}</ins>
                        </Table.Td>
                      </Table.Tr>
                    )),
                  )}
                </Table.Tbody>
              </Table>
            </>
          )}
        </>
      )}
    </Stack>
  );
}

function LineList({ title, lines }: { title: string; lines: PersonLine[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('diff.none')}
        </Text>
      ) : (
        <Table striped>
          <Table.Tbody>
            {lines.slice(0, 200).map((line) => (
              <Table.Tr key={line.recordId}>
                <Table.Td>{line.recordId}</Table.Td>
                <Table.Td>{nameOf(line)}</Table.Td>
                <Table.Td>{line.dateOfBirth ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
