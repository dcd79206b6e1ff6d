import { createBrowserRouter, Navigate, useNavigate, useParams } from 'react-router';
import { AgreementPage } from '../agreements/AgreementPage.tsx';
import { AgreementsPage } from '../agreements/AgreementsPage.tsx';
import { StagesPage } from '../exchange/StagesPage.tsx';
import { ManifestPage } from '../manifests/ManifestPage.tsx';
import { ManifestsPage } from '../manifests/ManifestsPage.tsx';
import { AdminLayout } from '../admin/AdminLayout.tsx';
import { AuditPage } from '../admin/AuditPage.tsx';
import { TokensPage } from '../admin/TokensPage.tsx';
import { UsersPage } from '../admin/UsersPage.tsx';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { PlannedPage } from '../common/PlannedPage.tsx';
import { Shell } from '../layout/Shell.tsx';
import { WorkspaceLayout } from '../layout/WorkspaceLayout.tsx';
import { ListPage } from '../lists/ListPage.tsx';
import { ChooseWorkspacePage } from '../mechanisms/ChooseWorkspacePage.tsx';
import { ReconciliationPage } from '../reconciliation/ReconciliationPage.tsx';
import { ReviewQueuePage } from '../reconciliation/ReviewQueuePage.tsx';
import { listsOf } from '../session/abilities.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { RequireSession } from './RequireSession.tsx';

/** A workspace opens on the reconciliation for the roles that read it, else on its first list. */
function WorkspaceHome() {
  const { mechanism, grant, abilities, base } = useWorkspace();
  const first = listsOf(grant, mechanism)[0];
  if (abilities.readReconciliation || !first)
    return <Navigate to={`${base}/reconciliation`} replace />;
  return <Navigate to={`${base}/lists/${first.party}/${first.kind}`} replace />;
}

function PasswordRoute() {
  const navigate = useNavigate();
  return <ChangePasswordPage onDone={() => void navigate('/choose')} />;
}

function ListRoute() {
  const { party, kind } = useParams();
  // A new list remounts the page, so that its search and tabs start afresh.
  return <ListPage key={`${party}/${kind}`} />;
}

export const router = createBrowserRouter([
  {
    element: <RequireSession />,
    children: [
      { path: '/', element: <Navigate to="/choose" replace /> },
      { path: '/sign-in', element: <Navigate to="/choose" replace /> },
      {
        element: <Shell />,
        children: [
          { path: '/choose', element: <ChooseWorkspacePage /> },
          { path: '/password', element: <PasswordRoute /> },
        ],
      },
      {
        path: '/m/:mechanismId/:as',
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <WorkspaceHome /> },
          { path: 'lists/:party/:kind', element: <ListRoute /> },
          { path: 'reconciliation', element: <ReconciliationPage /> },
          { path: 'review', element: <ReviewQueuePage /> },
          { path: 'agreements', element: <AgreementsPage /> },
          { path: 'agreements/:agreementId', element: <AgreementPage /> },
          { path: 'stages', element: <StagesPage /> },
          { path: 'manifests', element: <ManifestsPage /> },
          { path: 'manifests/:manifestId', element: <ManifestPage /> },
          { path: 'talks', element: <PlannedPage section="talks" /> },
        ],
      },
      {
        path: '/admin',
        element: <AdminLayout />,
        children: [
          { index: true, element: <Navigate to="/admin/users" replace /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'tokens', element: <TokensPage /> },
          { path: 'audit', element: <AuditPage /> },
        ],
      },
      { path: '*', element: <Navigate to="/choose" replace /> },
    ],
  },
]);
