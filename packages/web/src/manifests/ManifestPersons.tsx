import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StageManifest } from '../api/exchange.types.ts';
import { useFormat } from '../i18n/format.ts';
import { useCategoryName } from '../persons/names.ts';
import { useWorkspace } from '../session/workspace.tsx';

/** The manifest's counts per direction and category, then its persons. */
export function ManifestPersons({ manifest }: { manifest: StageManifest }) {
  const { t } = useTranslation();
  const format = useFormat();
  const categoryName = useCategoryName(useWorkspace().mechanism.id);
  const counts = Object.entries(manifest.counts).flatMap(([direction, row]) =>
    Object.entries(row).map(([category, n]) => ({ direction, category, n })),
  );
  return (
    <>
      <Table>
        <Table.Caption>{t('manifest.countsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('path.direction')}</Table.Th>
            <Table.Th>{t('path.category')}</Table.Th>
            <Table.Th>{t('manifest.count')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {counts.map((c) => (
            <Table.Tr key={`${c.direction}-${c.category}`}>
              <Table.Td>{c.direction.replace('->', ' → ')}</Table.Td>
              <Table.Td>{categoryName(c.category)}</Table.Td>
              <Table.Td>{format.integer(c.n)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table.ScrollContainer minWidth={800}>
        <Table striped>
          <Table.Caption>{t('manifest.personsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eligibility.record')}</Table.Th>
              <Table.Th>{t('path.direction')}</Table.Th>
              <Table.Th>{t('manifest.name')}</Table.Th>
              <Table.Th>{t('field.rank')}</Table.Th>
              <Table.Th>{t('field.dateOfBirth')}</Table.Th>
              <Table.Th>{t('field.serviceNumber')}</Table.Th>
              <Table.Th>{t('path.category')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {manifest.persons.map((p) => (
              <Table.Tr key={p.recordId}>
                <Table.Td>{p.recordId}</Table.Td>
                <Table.Td>{`${p.from} → ${p.to}`}</Table.Td>
                <Table.Td>
                  {[p.surname, p.givenName, p.patronymic].filter(Boolean).join(' ') || '—'}
                </Table.Td>
                <Table.Td>{p.rank ?? '—'}</Table.Td>
                <Table.Td>{p.dateOfBirth ?? '—'}</Table.Td>
                <Table.Td>{p.serviceNumber ?? '—'}</Table.Td>
                <Table.Td>{categoryName(p.category)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
