import { Card, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useMechanisms } from '../mechanisms/mechanisms.api.ts';
import { useUsers } from './admin.api.ts';
import { AddUserForm } from './AddUserForm.tsx';
import { UserRow } from './UserRow.tsx';

/** Accounts and their roles. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const mechanisms = useMechanisms();
  return (
    <Stack>
      <PageHeader title={t('admin.users')} subtitle={t('admin.usersHelp')} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('admin.addUser')}
        </Title>
        <AddUserForm />
      </Card>
      <ErrorAlert error={users.error ?? mechanisms.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('admin.users')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.username')}</Table.Th>
                <Table.Th>{t('admin.state')}</Table.Th>
                <Table.Th>{t('admin.roles')}</Table.Th>
                <Table.Th>{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.map((user) => (
                <UserRow key={user.id} user={user} mechanisms={mechanisms.data ?? []} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
