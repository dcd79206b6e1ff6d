import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { DataProtectionCard } from './DataProtectionCard.tsx';
import { FamilyCodesCard } from './FamilyCodesCard.tsx';
import { useInquiry } from './inquiries.api.ts';
import { fullName } from './inquiry-words.ts';

const SHOWN = [
  'dateOfBirth',
  'serviceNumber',
  'rank',
  'unit',
  'lastKnownPlace',
  'lastKnownDate',
  'circumstances',
  'marks',
] as const;

/** One inquiry: the sought person, the inquirer (the party's bureau only), the status history, the matches. */
export function InquiryPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { inquiryId = '' } = useParams();
  const { mechanism, base, grant } = useWorkspace();
  // The party's bureau alone reads the inquirer, and so alone decides what becomes of its data.
  const mayProtect = grant.permissions['inquiry.inquirer'] !== undefined;
  const inquiry = useInquiry(mechanism.id, inquiryId);
  if (inquiry.isPending) return <Loading />;
  if (!inquiry.data) return <ErrorAlert error={inquiry.error} />;
  const i = inquiry.data;
  return (
    <Stack>
      <PageHeader
        title={t('inquiries.one', { number: `${i.party}-${i.number}`, name: fullName(i.sought) })}
        subtitle={t('inquiries.receivedBy', {
          date: format.date(i.receivedOn),
          channel: t(`inquiries.channel.${i.channel}`),
        })}
        actions={
          <Badge size="lg" color="gray.8">
            {t(`inquiries.status.${i.status}`)}
          </Badge>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('inquiries.register.sought')}
          </Title>
          {SHOWN.filter((f) => i.sought[f]).map((field) => (
            <Text key={field}>
              <Text span fw={700}>
                {t(`inquiries.field.${field}`)}:
              </Text>{' '}
              {i.sought[field]}
            </Text>
          ))}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('inquiries.register.inquirer')}
          </Title>
          {i.inquirer ? (
            <Stack gap={2}>
              <Text>
                {i.inquirer.name} ({t(`inquiries.relation.${i.inquirer.relation}`)})
              </Text>
              <Text>{i.inquirer.contact}</Text>
              <Text size="sm" c="dimmed">
                {t('inquiries.readAudited')}
              </Text>
            </Stack>
          ) : (
            <Text c="dimmed">
              {i.erasures.some((e) => e.outcome === 'erased')
                ? t('inquiries.review.inquirerErased')
                : t('inquiries.inquirerHidden')}
            </Text>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('inquiries.history')}
        </Title>
        <Table aria-label={t('inquiries.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('inquiries.when')}</Table.Th>
              <Table.Th>{t('inquiries.statusTitle')}</Table.Th>
              <Table.Th>{t('inquiries.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {i.history.map((h) => (
              <Table.Tr key={`${h.at}-${h.to}`}>
                <Table.Td>{format.dateTime(h.at)}</Table.Td>
                <Table.Td>{t(`inquiries.status.${h.to}`)}</Table.Td>
                <Table.Td>
                  {[h.onDate ? format.date(h.onDate) : null, h.reason].filter(Boolean).join(' · ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {i.samePerson.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('inquiries.samePerson')}
          </Title>
          <Stack gap="xs">
            {i.samePerson.map((p) => (
              <Group key={p.id}>
                <Anchor component={Link} to={`${base}/inquiries/${p.inquiryId}`}>
                  {p.number ?? p.inquiryId}
                </Anchor>
                <Badge variant="outline" color="gray.8">
                  {t(`inquiries.matchStatus.${p.status}`)}
                </Badge>
                <Anchor component={Link} to={`${base}/inquiries/same-person/${p.id}`}>
                  {t('inquiries.review.decision')}
                </Anchor>
              </Group>
            ))}
          </Stack>
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('inquiries.matches')}
        </Title>
        {i.matches.length === 0 ? (
          <Text c="dimmed">{t('inquiries.noMatch')}</Text>
        ) : (
          <Stack gap="xs">
            {i.matches.map((m) => (
              <Group key={m.id}>
                <Text>
                  {t('inquiries.matchOn', { party: m.target.party, record: m.target.recordId })}
                </Text>
                <Badge variant="outline" color="gray.8">
                  {t(`inquiries.matchStatus.${m.status}`)}
                </Badge>
                <Text size="sm">{format.percent(m.probability)}</Text>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      {/* The inquirer is shown to the party's bureau alone: it alone gives the family a code. */}
      {i.inquirer && i.status !== 'closed' && (
        <FamilyCodesCard mechanismId={mechanism.id} inquiryId={i.id} />
      )}
      {mayProtect && <DataProtectionCard mechanismId={mechanism.id} inquiry={i} />}
    </Stack>
  );
}
