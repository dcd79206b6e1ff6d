import { Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveResult, PathPerson, PersonState } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useCategoryName } from '../persons/names.ts';
import { filterPersons, NO_QUERY, type PersonQuery } from '../persons/person-filter.ts';
import { PersonFilterBar } from '../persons/PersonFilterBar.tsx';
import { PersonName } from '../persons/PersonName.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useMove, usePersons } from './exchange.api.ts';
import { MoveBar } from './MoveBar.tsx';
import { MoveResults } from './MoveResults.tsx';
import { STATE_ORDER } from './path.ts';

function PersonTable({
  persons,
  selected,
  onToggle,
  onToggleAll,
  categoryName,
}: {
  persons: PathPerson[];
  /** The category's name in the agreement, for its id. */
  categoryName: (id: string) => string;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
}) {
  const { t } = useTranslation();
  const isAll = persons.length > 0 && persons.every((p) => selected.has(p.id));
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <Checkbox
                aria-label={t('path.selectAll')}
                checked={isAll}
                indeterminate={!isAll && selected.size > 0}
                onChange={onToggleAll}
              />
            </Table.Th>
            <Table.Th>{t('person.name')}</Table.Th>
            <Table.Th>{t('path.direction')}</Table.Th>
            <Table.Th>{t('path.category')}</Table.Th>
            <Table.Th>{t('field.rank')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {persons.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Checkbox
                  aria-label={t('path.select', { record: p.recordId })}
                  checked={selected.has(p.id)}
                  onChange={() => onToggle(p.id)}
                />
              </Table.Td>
              <Table.Td>
                <PersonName
                  personId={p.id}
                  recordId={p.recordId}
                  name={p.name}
                  nameLatin={p.nameLatin}
                />
              </Table.Td>
              <Table.Td>{`${p.party} → ${p.receivingParty}`}</Table.Td>
              <Table.Td>{categoryName(p.category)}</Table.Td>
              <Table.Td>{p.rank ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Persons on the path by state; select many and move them on, each answered on its own. */
export function PathBoard({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, abilities } = useWorkspace();
  const persons = usePersons(mechanism.id, agreementId);
  const categoryName = useCategoryName(mechanism.id);
  const move = useMove(mechanism.id);
  const [state, setState] = useState<PersonState | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<MoveResult[] | null>(null);
  const [query, setQuery] = useState<PersonQuery>(NO_QUERY);
  if (persons.isPending) return <Loading />;
  if (persons.error) return <ErrorAlert error={persons.error} />;
  const byState = new Map<PersonState, PathPerson[]>();
  for (const p of persons.data) byState.set(p.state, [...(byState.get(p.state) ?? []), p]);
  const states = STATE_ORDER.filter((s) => byState.has(s));
  const shown = state && byState.has(state) ? state : (states[0] ?? null);
  const allInState = shown ? (byState.get(shown) ?? []) : [];
  const inState = filterPersons(allInState, query, { category: categoryName });
  const choose = (s: PersonState) => {
    setState(s);
    setSelected(new Set());
  };
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const recordOf = (id: string) => persons.data.find((p) => p.id === id)?.recordId ?? id;
  if (persons.data.length === 0) return <Text>{t('path.empty')}</Text>;
  return (
    <Stack>
      <Group gap="xs" role="group" aria-label={t('path.byState')}>
        {states.map((s) => (
          <Button
            key={s}
            size="compact-sm"
            variant={s === shown ? 'filled' : 'default'}
            aria-pressed={s === shown}
            onClick={() => choose(s)}
          >
            {`${t(`state.${s}`)} · ${format.integer(byState.get(s)?.length ?? 0)}`}
          </Button>
        ))}
      </Group>
      {abilities.moveOnPath && shown && (
        <MoveBar
          state={shown}
          selected={inState.filter((p) => selected.has(p.id))}
          isBusy={move.isPending}
          onMove={(moves) =>
            move.mutate(moves, {
              onSuccess: (answer) => {
                setResults(answer);
                setSelected(new Set());
              },
            })
          }
        />
      )}
      <ErrorAlert error={move.error} />
      {results && <MoveResults results={results} recordOf={recordOf} />}
      <PersonFilterBar query={query} sides={mechanism.parties} onChange={setQuery} />
      <Text size="sm">
        {t('person.filter.shown', {
          shown: format.integer(inState.length),
          total: format.integer(allInState.length),
        })}
      </Text>
      <PersonTable
        persons={inState}
        categoryName={categoryName}
        selected={selected}
        onToggle={toggle}
        onToggleAll={() =>
          setSelected(
            inState.every((p) => selected.has(p.id))
              ? new Set()
              : new Set(inState.map((p) => p.id)),
          )
        }
      />
    </Stack>
  );
}
