import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contribution, Pair, PersonLine } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';

const FIELDS = [
  ['surname', 'surname'],
  ['givenName', 'given_name'],
  ['patronymic', 'patronymic'],
  ['surnameLatin', null],
  ['givenNameLatin', null],
  ['sex', 'sex'],
  ['dateOfBirth', 'date_of_birth'],
  ['placeOfBirth', 'place_of_birth'],
  ['nationality', null],
  ['rank', null],
  ['serviceNumber', 'service_number'],
  ['unit', 'unit'],
  ['captureDate', null],
  ['capturePlace', null],
] as const satisfies ReadonlyArray<readonly [keyof PersonLine, string | null]>;

const normal = (value: string | null | undefined) => (value ?? '').trim().toLowerCase();

/** Both records of a pair side by side: differing fields marked, each compared field's weight. */
export function PairComparison({ pair }: { pair: Pair }) {
  const { t } = useTranslation();
  const format = useFormat();
  const byField = new Map<string, Contribution>(pair.contributions.map((c) => [c.field, c]));
  const side = (s: Pair['left']) =>
    t('review.side', { party: s.party, kind: t(`kind.${s.kind === 'held' ? 'held' : 'sought'}`) });
  return (
    <Table withTableBorder withColumnBorders>
      <Table.Caption>{t('review.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('review.field')}</Table.Th>
          <Table.Th>
            {side(pair.left)} · {pair.leftRecordId}
          </Table.Th>
          <Table.Th>
            {side(pair.right)} · {pair.rightRecordId}
          </Table.Th>
          <Table.Th ta="right">{t('review.weight')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {FIELDS.map(([field, compared]) => {
          const left = pair.left.line?.[field] ?? null;
          const right = pair.right.line?.[field] ?? null;
          if (left === null && right === null && !compared) return null;
          const differs = normal(left) !== normal(right);
          const contribution = compared ? byField.get(compared) : undefined;
          return (
            <Table.Tr key={field} bg={differs ? 'var(--mantine-color-yellow-0)' : undefined}>
              <Table.Th scope="row">
                {t(`field.${field}`)}
                {differs && (
                  <Badge ml={6} size="xs" color="yellow" variant="filled" c="dark">
                    {t('review.differs')}
                  </Badge>
                )}
              </Table.Th>
              <Table.Td>{left ?? '—'}</Table.Td>
              <Table.Td>{right ?? '—'}</Table.Td>
              <Table.Td ta="right">
                {contribution ? (
                  <Text
                    size="sm"
                    c={
                      contribution.weight > 0
                        ? 'teal.9'
                        : contribution.weight < 0
                          ? 'red.9'
                          : 'dimmed'
                    }
                    title={contribution.label}
                  >
                    {contribution.weight > 0 ? '+' : ''}
                    {format.decimal(contribution.weight)} · {contribution.label}
                  </Text>
                ) : (
                  ''
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
