import { Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { LIST_COLUMNS, type ListColumn } from '@parley/kernel/person-record';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { ImportProblems } from './ImportProblems.tsx';
import type { ColumnMapping, ImportPreview } from './lists.api.ts';

const isListColumn = (value: string): value is ListColumn =>
  (LIST_COLUMNS as readonly string[]).includes(value);

/** The mapping that reads a file column as `column` (null: the format's own matching). */
export function remap(mapping: ColumnMapping, label: string, column: string | null): ColumnMapping {
  const { [label]: _previous, ...rest } = mapping;
  return column ? { ...rest, [label]: column } : rest;
}

/**
 * A file before it is imported: each of its columns with the list field it will be read as,
 * which the officer may change, its first lines, and every problem of the whole file under the
 * current mapping.
 */
export function ColumnMappingPreview({
  preview,
  mapping,
  onChange,
  isChecking,
}: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  isChecking: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldLabel = (column: string) =>
    isListColumn(column) ? `${t(`mapping.column.${column}`)} (${column})` : column;
  const options = [
    { value: '', label: t('mapping.extra') },
    ...LIST_COLUMNS.map((column) => ({ value: column, label: fieldLabel(column) })),
  ];
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('mapping.title')}
          </Title>
          <Badge color={preview.errors.length ? 'red.9' : 'teal.9'} variant="outline">
            {preview.errors.length
              ? t('mapping.errors', { count: preview.errors.length })
              : t('mapping.ready', {
                  count: preview.lineCount,
                  n: format.integer(preview.lineCount),
                })}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('mapping.help')}
        </Text>
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder data-testid="column-mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('mapping.line')}</Table.Th>
                {preview.columns.map((c, i) => (
                  <Table.Th key={`${c.label}-${i}`} scope="col" miw={170}>
                    <Text size="sm" fw={700}>
                      {c.label}
                    </Text>
                    <Select
                      aria-label={t('mapping.readAs', { column: c.label })}
                      data={options}
                      value={c.column ?? ''}
                      onChange={(value) => onChange(remap(mapping, c.label, value || null))}
                      allowDeselect={false}
                      searchable
                      size="xs"
                      mt={4}
                      disabled={isChecking}
                    />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.sample.map((row) => (
                <Table.Tr key={row.line}>
                  <Table.Td>{row.line}</Table.Td>
                  {preview.columns.map((c, i) => (
                    <Table.Td key={`${c.label}-${i}`}>{row.cells[i] ?? ''}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {preview.errors.length > 0 && (
          <ImportProblems
            problems={preview.errors}
            caption={t('mapping.errorsCaption', { count: preview.errors.length })}
          />
        )}
        {preview.warnings.length > 0 && (
          <ImportProblems problems={preview.warnings} caption={t('upload.warnings')} />
        )}
      </Stack>
    </Card>
  );
}
