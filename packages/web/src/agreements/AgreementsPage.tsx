import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useAgreements } from './agreements.api.ts';
import { CreateFromTemplate } from './CreateFromTemplate.tsx';
import { agreementNameIn } from './agreement-name.ts';

/** The mechanism's agreements; the mediator creates one from a template. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, abilities, base } = useWorkspace();
  const agreements = useAgreements(mechanism.id);
  return (
    <Stack>
      <PageHeader title={t('agreements.title')} subtitle={t('agreements.whose')} />
      {abilities.manageAgreements && <CreateFromTemplate />}
      <ErrorAlert error={agreements.error} />
      {agreements.isPending && <Loading />}
      {agreements.data?.length === 0 && <Text>{t('agreements.none')}</Text>}
      {agreements.data && agreements.data.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreements.name')}</Table.Th>
              <Table.Th>{t('agreements.status')}</Table.Th>
              <Table.Th>{t('agreements.versions')}</Table.Th>
              <Table.Th>{t('agreements.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agreements.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`${base}/agreements/${a.id}`}>
                    {agreementNameIn(t, a.name)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline">{t(`agreementStatus.${a.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{format.integer(a.versions.length)}</Table.Td>
                <Table.Td>{format.dateTime(a.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
