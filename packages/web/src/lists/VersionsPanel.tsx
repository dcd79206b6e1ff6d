import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { exportUrl, useVersions, type ListRef } from './lists.api.ts';

/** Every version of a list, newest first, with its source file and counts. */
export function VersionsPanel({ list, mayExport }: { list: ListRef; mayExport: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useVersions(list);
  if (versions.isPending) return <Loading />;
  if (versions.error) return <ErrorAlert error={versions.error} />;
  if (versions.data.length === 0) return <Text>{t('lists.noVersions')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('lists.version')}</Table.Th>
            <Table.Th>{t('lists.importedAt')}</Table.Th>
            <Table.Th>{t('lists.importedBy')}</Table.Th>
            <Table.Th>{t('lists.source')}</Table.Th>
            <Table.Th ta="right">{t('lists.lineCount')}</Table.Th>
            <Table.Th ta="right">{t('lists.flagged')}</Table.Th>
            {mayExport && <Table.Th>{t('lists.export')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...versions.data].reverse().map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>{v.number}</Table.Td>
              <Table.Td>{format.dateTime(v.createdAt)}</Table.Td>
              <Table.Td>{v.createdBy}</Table.Td>
              <Table.Td>
                <Text size="sm">{v.sourceName}</Text>
                <Text size="xs" c="dimmed" ff="monospace" title={v.sourceSha256}>
                  SHA-256 {v.sourceSha256.slice(0, 12)}…
                </Text>
              </Table.Td>
              <Table.Td ta="right">{format.integer(v.lineCount)}</Table.Td>
              <Table.Td ta="right">{format.integer(v.flaggedLineCount)}</Table.Td>
              {mayExport && (
                <Table.Td>
                  <Group gap="xs">
                    {(['csv', 'xlsx'] as const).map((f) => (
                      <Anchor
                        key={f}
                        href={exportUrl(list, v.number, f)}
                        download
                        aria-label={t('lists.exportAs', {
                          version: v.number,
                          format: f.toUpperCase(),
                        })}
                      >
                        {f.toUpperCase()}
                      </Anchor>
                    ))}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
