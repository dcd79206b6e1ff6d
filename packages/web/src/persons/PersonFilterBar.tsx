import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonQuery } from './person-filter.ts';

const SORTS: ReadonlyArray<PersonQuery['sort']> = ['name', 'category', 'state', 'side'];

/** Narrows a list of persons by name or record id and side, and orders it. */
export function PersonFilterBar({
  query,
  sides,
  onChange,
}: {
  query: PersonQuery;
  sides: readonly string[];
  onChange: (query: PersonQuery) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="sm" role="search">
      <TextInput
        size="xs"
        label={t('person.filter.text')}
        value={query.text}
        onChange={(e) => onChange({ ...query, text: e.currentTarget.value })}
      />
      <Select
        size="xs"
        label={t('person.filter.side')}
        data={[
          { value: '', label: t('person.filter.bothSides') },
          ...sides.map((side) => ({
            value: side,
            label: t('person.filter.heldBy', { party: side }),
          })),
        ]}
        value={query.side ?? ''}
        onChange={(value) => onChange({ ...query, side: value || null })}
        allowDeselect={false}
      />
      <Select
        size="xs"
        label={t('person.filter.sort')}
        data={SORTS.map((sort) => ({ value: sort, label: t(`person.filter.by.${sort}`) }))}
        value={query.sort}
        onChange={(value) => onChange({ ...query, sort: value ?? 'name' })}
        allowDeselect={false}
      />
    </Group>
  );
}
