import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { INQUIRY_STATUSES, useInquiries, type InquiryStatus } from './inquiries.api.ts';
import { fullName } from './inquiry-words.ts';

/** Families' inquiries of the party (or those shared with the mediator), by status. */
export function InquiriesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant, base } = useWorkspace();
  const [status, setStatus] = useState<InquiryStatus | null>(null);
  const inquiries = useInquiries(mechanism.id, status);
  const mayRegister = grant.permissions['inquiry.register'] !== undefined;
  return (
    <Stack>
      <PageHeader
        title={t('inquiries.title')}
        subtitle={t('inquiries.whose')}
        actions={
          <Group>
            <Button component={Link} to={`${base}/inquiries/figures`} variant="default">
              {t('inquiries.figures.nav')}
            </Button>
            {mayRegister && (
              <>
                <Button component={Link} to={`${base}/inquiries/same-person`} variant="default">
                  {t('inquiries.review.nav')}
                </Button>
                <Button component={Link} to={`${base}/inquiries/new`}>
                  {t('inquiries.register.open')}
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Select
        label={t('inquiries.filter')}
        placeholder={t('inquiries.allStatuses')}
        clearable
        data={INQUIRY_STATUSES.map((s) => ({ value: s, label: t(`inquiries.status.${s}`) }))}
        value={status}
        onChange={(value) => setStatus(value)}
        w={320}
      />
      <ErrorAlert error={inquiries.error} />
      {inquiries.isPending ? (
        <Loading />
      ) : (
        <>
          <Text>{t('inquiries.count', { count: inquiries.data?.total ?? 0 })}</Text>
          <Table aria-label={t('inquiries.title')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inquiries.number')}</Table.Th>
                <Table.Th>{t('inquiries.sought')}</Table.Th>
                <Table.Th>{t('inquiries.dateOfBirth')}</Table.Th>
                <Table.Th>{t('inquiries.received')}</Table.Th>
                <Table.Th>{t('inquiries.statusTitle')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(inquiries.data?.inquiries ?? []).map((inquiry) => (
                <Table.Tr key={inquiry.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/inquiries/${inquiry.id}`}>
                      {`${inquiry.party}-${inquiry.number}`}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{fullName(inquiry.sought)}</Table.Td>
                  <Table.Td>{inquiry.sought.dateOfBirth ?? '—'}</Table.Td>
                  <Table.Td>{format.date(inquiry.receivedOn)}</Table.Td>
                  <Table.Td>
                    <Badge color="gray.8">{t(`inquiries.status.${inquiry.status}`)}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group />
        </>
      )}
    </Stack>
  );
}
