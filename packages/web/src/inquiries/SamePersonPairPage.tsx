import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { SamePersonDecisionForm } from './SamePersonDecisionForm.tsx';
import { useSamePersonPair, type FieldComparison, type PairSide } from './same-person.api.ts';

const FIELDS = [
  'surname',
  'givenName',
  'patronymic',
  'sex',
  'dateOfBirth',
  'placeOfBirth',
  'serviceNumber',
  'rank',
  'unit',
  'lastKnownPlace',
  'lastKnownDate',
  'circumstances',
  'marks',
] as const;

/** The engine's field names, as the inquiry's fields are labelled. */
const ENGINE_FIELD: Record<string, (typeof FIELDS)[number]> = {
  surname: 'surname',
  given_name: 'givenName',
  patronymic: 'patronymic',
  date_of_birth: 'dateOfBirth',
  service_number: 'serviceNumber',
  unit: 'unit',
  place_of_birth: 'placeOfBirth',
  sex: 'sex',
};

const valueOf = (side: PairSide, field: (typeof FIELDS)[number]) => side.sought?.[field] ?? null;
const normal = (value: string | null) => (value ?? '').trim().toLowerCase();

/** Two inquiries side by side, the engine's explanation, and the bureau's decision on them. */
export function SamePersonPairPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { pairId = '' } = useParams();
  const { mechanism } = useWorkspace();
  const shown = useSamePersonPair(mechanism.id, pairId);
  if (shown.isPending) return <Loading />;
  if (!shown.data) return <ErrorAlert error={shown.error} />;
  const pair = shown.data;
  const levelOf = (c: FieldComparison) =>
    c.code === 'missing'
      ? t('review.level.missing')
      : t(`review.level.${c.code.replace('.', '_')}`, c.label);
  const inquirer = (side: 'inquiry' | 'other') => {
    const found = pair.inquirers[side];
    return found
      ? `${found.name} (${t(`inquiries.relation.${found.relation}`)}), ${found.contact}`
      : t('inquiries.review.inquirerErased');
  };
  return (
    <Stack>
      <PageHeader
        title={t('inquiries.review.pairTitle', {
          first: pair.inquiry.number ?? '—',
          second: pair.other.number ?? '—',
        })}
        subtitle={t('inquiries.review.pairHelp', { probability: format.percent(pair.probability) })}
        actions={<Badge color="gray.8">{t(`inquiries.matchStatus.${pair.status}`)}</Badge>}
      />
      <Table withTableBorder withColumnBorders aria-label={t('inquiries.review.sideBySide')}>
        <Table.Caption>{t('inquiries.review.sideBySide')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('review.field')}</Table.Th>
            <Table.Th>{pair.inquiry.number}</Table.Th>
            <Table.Th>{pair.other.number}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {FIELDS.map((field) => {
            const [a, b] = [valueOf(pair.inquiry, field), valueOf(pair.other, field)];
            if (a === null && b === null) return null;
            const differs = normal(a) !== normal(b);
            return (
              <Table.Tr key={field} bg={differs ? 'var(--mantine-color-yellow-0)' : undefined}>
                <Table.Th scope="row">
                  {t(`inquiries.field.${field}`)}
                  {differs && (
                    <Badge ml={6} size="xs" color="yellow" variant="filled" c="dark">
                      {t('review.differs')}
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td>{a ?? '—'}</Table.Td>
                <Table.Td>{b ?? '—'}</Table.Td>
              </Table.Tr>
            );
          })}
          {pair.readsInquirer && (
            <Table.Tr>
              <Table.Th scope="row">{t('inquiries.register.inquirer')}</Table.Th>
              <Table.Td>{inquirer('inquiry')}</Table.Td>
              <Table.Td>{inquirer('other')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {pair.readsInquirer && (
        <Text size="sm" c="dimmed">
          {t('inquiries.readAudited')}
        </Text>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('inquiries.review.explanation')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('inquiries.review.explanationHelp')}
        </Text>
        <Table aria-label={t('inquiries.review.explanation')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.field')}</Table.Th>
              <Table.Th>{t('inquiries.review.level')}</Table.Th>
              <Table.Th ta="right">{t('review.weight')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pair.explanation.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Th scope="row">
                  {t(`inquiries.field.${ENGINE_FIELD[c.field] ?? 'surname'}`)}
                </Table.Th>
                <Table.Td>{levelOf(c)}</Table.Td>
                <Table.Td
                  ta="right"
                  c={c.weight > 0 ? 'teal.9' : c.weight < 0 ? 'red.9' : 'dimmed'}
                >
                  {c.weight > 0 ? '+' : ''}
                  {format.decimal(c.weight)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <SamePersonDecisionForm mechanismId={mechanism.id} pair={pair} />
    </Stack>
  );
}
