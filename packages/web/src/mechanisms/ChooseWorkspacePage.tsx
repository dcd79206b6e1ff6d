import { Button, Card, Container, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { grantKey } from '../session/abilities.ts';
import { useSession } from '../session/session.tsx';
import { useTextsOfMechanisms } from '../talks/talk-texts.ts';
import { useMechanisms } from './mechanisms.api.ts';
import { RoleLabel } from './RoleLabel.tsx';

/** Every role the user holds, per mechanism, and the administration for admins. */
export function ChooseWorkspacePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const mechanisms = useMechanisms();
  const say = useTextsOfMechanisms((session?.grants ?? []).map((g) => g.mechanismId));
  if (!session) return null;
  if (mechanisms.isPending) return <Loading />;
  if (mechanisms.error) return <ErrorAlert error={mechanisms.error} />;
  const only = session.grants.length === 1 && !session.isAdmin ? session.grants[0] : undefined;
  if (only) return <Navigate to={`/m/${only.mechanismId}/${grantKey(only)}`} replace />;
  const nameOf = (id: string) => say(id, mechanisms.data.find((m) => m.id === id)?.name ?? id);
  return (
    <Container size="md">
      <PageHeader title={t('choose.title')} subtitle={t('choose.subtitle')} />
      {session.grants.length === 0 && !session.isAdmin && <Text>{t('choose.none')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {session.grants.map((grant) => (
          <Card key={`${grant.mechanismId}/${grantKey(grant)}`} withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {nameOf(grant.mechanismId)}
              </Title>
              <RoleLabel grant={grant} />
              <Button component={Link} to={`/m/${grant.mechanismId}/${grantKey(grant)}`}>
                {t('choose.open')}
              </Button>
            </Stack>
          </Card>
        ))}
        {session.isAdmin && (
          <Card withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('admin.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('admin.subtitle')}
              </Text>
              <Button component={Link} to="/admin/users" variant="light">
                {t('choose.open')}
              </Button>
            </Stack>
          </Card>
        )}
      </SimpleGrid>
    </Container>
  );
}
