import { Badge, Group, Pagination, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonLine } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLines, useVersions, type ListRef } from './lists.api.ts';

const PAGE = 50;
const COLUMNS = [
  'recordId',
  'surname',
  'givenName',
  'patronymic',
  'dateOfBirth',
  'rank',
  'serviceNumber',
  'unit',
] as const satisfies ReadonlyArray<keyof PersonLine>;

/** A version's lines, searched on the server, a page at a time. */
export function LinesPanel({ list }: { list: ListRef }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useVersions(list);
  const [version, setVersion] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const hasVersions = (versions.data?.length ?? 0) > 0;
  const lines = useLines(
    list,
    {
      version: version ? Number(version) : 'latest',
      search: debounced,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    },
    hasVersions,
  );
  if (versions.isPending) return <Loading />;
  if (versions.error) return <ErrorAlert error={versions.error} />;
  if (!hasVersions) return <Text>{t('lists.noVersions')}</Text>;
  const total = lines.data?.total ?? 0;
  return (
    <>
      <Group align="flex-end" mb="sm">
        <TextInput
          label={t('lists.search')}
          description={t('lists.searchHelp')}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={320}
        />
        <Select
          label={t('lists.version')}
          value={version}
          placeholder={t('lists.latest')}
          clearable
          onChange={(v) => {
            setVersion(v);
            setPage(1);
          }}
          data={(versions.data ?? []).map((v) => ({
            value: String(v.number),
            label: t('lists.versionN', { n: v.number }),
          }))}
          w={180}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('lists.linesFound', { count: total, formatted: format.integer(total) })}
        </Text>
      </Group>
      <ErrorAlert error={lines.error} />
      {lines.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('lists.tab.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th title={t('lists.fileLineHelp')}>{t('lists.fileLine')}</Table.Th>
                {COLUMNS.map((c) => (
                  <Table.Th key={c}>{t(`field.${c}`)}</Table.Th>
                ))}
                <Table.Th>{t('lists.flags')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.data?.items.map((line) => (
                <Table.Tr key={line.recordId}>
                  <Table.Td>{line.lineNumber}</Table.Td>
                  {COLUMNS.map((c) => (
                    <Table.Td key={c}>{line[c] ?? '—'}</Table.Td>
                  ))}
                  <Table.Td>
                    {Object.keys(line.invalid).length > 0 && (
                      <Badge
                        color="red.9"
                        variant="outline"
                        title={Object.entries(line.invalid)
                          .map(([k, v]) => `${k}: ${v}`)
                          .join('; ')}
                      >
                        {t('lists.flaggedLine')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > PAGE && (
        <Pagination
          mt="sm"
          total={Math.ceil(total / PAGE)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
        />
      )}
    </>
  );
}
