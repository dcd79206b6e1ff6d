import { Alert, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../common/Loading.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useMechanisms } from '../mechanisms/mechanisms.api.ts';
import { abilitiesOf, findGrant } from '../session/abilities.ts';
import { useSession } from '../session/session.tsx';
import { useTextsOfMechanisms } from '../talks/talk-texts.ts';
import { WorkspaceContext, type Workspace } from '../session/workspace.tsx';
import { Shell } from './Shell.tsx';
import { WorkspaceNavigation } from './WorkspaceNavigation.tsx';

/** The screens of one mechanism in one role: the role's navigation, and whose data they hold. */
export function WorkspaceLayout() {
  const { t } = useTranslation();
  const { mechanismId = '', as = '' } = useParams();
  const { session } = useSession();
  const mechanisms = useMechanisms();
  const say = useTextsOfMechanisms([mechanismId]);
  if (mechanisms.isPending) return <Loading />;
  if (mechanisms.error) return <ErrorAlert error={mechanisms.error} />;
  const mechanism = mechanisms.data.find((m) => m.id === mechanismId);
  const grant = session ? findGrant(session.grants, mechanismId, as) : undefined;
  if (!mechanism || !grant) {
    return (
      <Container size="sm" py="xl">
        <Alert color="orange" title={t('workspace.unknownTitle')}>
          {t('workspace.unknown')}
        </Alert>
      </Container>
    );
  }
  const workspace: Workspace = {
    mechanism,
    grant,
    abilities: abilitiesOf(grant),
    base: `/m/${mechanism.id}/${as}`,
  };
  const role = t(`role.${grant.role}`);
  return (
    <WorkspaceContext.Provider value={workspace}>
      <Shell
        navigation={<WorkspaceNavigation />}
        context={`${say(mechanism.id, mechanism.name)} · ${grant.party ? `${role} (${grant.party})` : role}`}
      />
    </WorkspaceContext.Provider>
  );
}
