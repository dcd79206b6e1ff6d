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

/** A weight in bits as the reviewer reads it: signed, coloured for and against. */
function Bits({ weight, title }: { weight: number; title?: string }) {
  const format = useFormat();
  return (
    <Text size="sm" c={weight > 0 ? 'teal.9' : weight < 0 ? 'red.9' : 'dimmed'} title={title}>
      {weight > 0 ? '+' : ''}
      {format.decimal(weight)}
    </Text>
  );
}

/** Both records of a pair side by side: differing fields marked, each compared field's weight. */
export function PairComparison({ pair }: { pair: Pair }) {
  const { t } = useTranslation();
  const format = useFormat();
  const byField = new Map<string, Contribution>(pair.contributions.map((c) => [c.field, c]));
  // Codes like 'jw-0.92' hold a dot, which i18next reads as a path.
  const levelOf = (c: Contribution) =>
    c.code === undefined ? c.label : t(`review.level.${c.code.replace('.', '_')}`, c.label);
  const parts = [...pair.contributions.map((c) => c.weight), pair.prior ?? 0, pair.rivals ?? 0];
  const sum = (of: number[]) => format.decimal(of.reduce((total, w) => total + w, 0));
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
                  <Text size="sm" span>
                    <Bits weight={contribution.weight} title={contribution.label} />
                    {levelOf(contribution)}
                  </Text>
                ) : (
                  ''
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
        {pair.prior !== null && (
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {t('review.prior')}
            </Table.Th>
            <Table.Td ta="right">
              <Bits weight={pair.prior} />
            </Table.Td>
          </Table.Tr>
        )}
        {pair.rivals !== null && pair.rivals !== 0 && (
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {t('review.rivals')}
            </Table.Th>
            <Table.Td ta="right">
              <Bits weight={pair.rivals} />
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Td colSpan={4} ta="right">
            <Text size="sm">
              {t('review.evidence', {
                for: `+${sum(parts.filter((w) => w > 0))}`,
                against: sum(parts.filter((w) => w < 0)),
                total: format.decimal(pair.weight),
              })}
            </Text>
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
