import type { ComponentType } from 'react';
import {
  createBrowserRouter,
  Navigate,
  useNavigate,
  useParams,
  type RouteObject,
} from 'react-router';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { Shell } from '../layout/Shell.tsx';
import { WorkspaceLayout } from '../layout/WorkspaceLayout.tsx';
import { ListPage } from '../lists/ListPage.tsx';
import { ChooseWorkspacePage } from '../mechanisms/ChooseWorkspacePage.tsx';
import { listsOf } from '../session/abilities.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { RequireSession } from './RequireSession.tsx';
import { RouteError } from './RouteError.tsx';

/*
 * Each section's pages are loaded when first opened, so that signing in does not wait for the
 * code of every screen (charts, signing, PDF links). The shell, the workspace chooser and the
 * lists, which every role opens first, stay in the main bundle.
 */
function page<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): () => Promise<{ Component: ComponentType }> {
  return async () => ({ Component: (await load())[name] });
}

/**
 * A workspace opens on the overview for the roles that read the exchange, else on the
 * reconciliation for the roles that read it, else on its first list.
 */
function WorkspaceHome() {
  const { mechanism, grant, abilities, base } = useWorkspace();
  const first = listsOf(grant, mechanism)[0];
  if (abilities.readExchange) return <Navigate to={`${base}/overview`} replace />;
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

/**
 * Every route with an error boundary of its own: a screen that fails shows a translated message
 * within its layout, and a layout that fails, within the one around it.
 */
function withErrorBoundaries(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) => ({
    ...route,
    errorElement: <RouteError />,
    ...(route.children ? { children: withErrorBoundaries(route.children) } : {}),
  })) as RouteObject[];
}

export const router = createBrowserRouter(
  withErrorBoundaries([
    // The family's status page: no sign-in, the code opens one inquiry's status.
    {
      path: '/family',
      lazy: page(() => import('../family/FamilyStatusPage.tsx'), 'FamilyStatusPage'),
    },
    // The handover point's work without a network: read from this browser, no session needed.
    {
      path: '/offline',
      lazy: page(() => import('../offline/OfflineStagesPage.tsx'), 'OfflineStagesPage'),
    },
    {
      path: '/offline/:stage',
      lazy: page(() => import('../offline/OfflineStagePage.tsx'), 'OfflineStagePage'),
    },
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
            { path: '/inbox', lazy: page(() => import('../inbox/InboxPage.tsx'), 'InboxPage') },
            {
              path: '/tokens',
              lazy: page(() => import('../account/TokensPage.tsx'), 'TokensPage'),
            },
          ],
        },
        {
          path: '/m/:mechanismId/:as',
          element: <WorkspaceLayout />,
          children: [
            { index: true, element: <WorkspaceHome /> },
            {
              path: 'overview',
              lazy: page(() => import('../dashboard/DashboardPage.tsx'), 'DashboardPage'),
            },
            { path: 'lists/:party/:kind', element: <ListRoute /> },
            {
              path: 'reconciliation',
              lazy: page(
                () => import('../reconciliation/ReconciliationPage.tsx'),
                'ReconciliationPage',
              ),
            },
            {
              path: 'outcome-lists',
              lazy: page(() => import('../outcomes/OutcomeListsPage.tsx'), 'OutcomeListsPage'),
            },
            {
              path: 'review',
              lazy: page(() => import('../reconciliation/ReviewQueuePage.tsx'), 'ReviewQueuePage'),
            },
            {
              path: 'agreements',
              lazy: page(() => import('../agreements/AgreementsPage.tsx'), 'AgreementsPage'),
            },
            {
              path: 'agreements/:agreementId',
              lazy: page(() => import('../agreements/AgreementPage.tsx'), 'AgreementPage'),
            },
            {
              path: 'stages',
              lazy: page(() => import('../exchange/StagesPage.tsx'), 'StagesPage'),
            },
            {
              path: 'reports',
              lazy: page(() => import('../reports/ReportsPage.tsx'), 'ReportsPage'),
            },
            {
              path: 'inquiries',
              lazy: page(() => import('../inquiries/InquiriesPage.tsx'), 'InquiriesPage'),
            },
            {
              path: 'inquiries/new',
              lazy: page(
                () => import('../inquiries/RegisterInquiryPage.tsx'),
                'RegisterInquiryPage',
              ),
            },
            {
              path: 'inquiries/figures',
              lazy: page(() => import('../inquiries/InquiryFiguresPage.tsx'), 'InquiryFiguresPage'),
            },
            {
              path: 'inquiries/same-person',
              lazy: page(
                () => import('../inquiries/SamePersonQueuePage.tsx'),
                'SamePersonQueuePage',
              ),
            },
            {
              path: 'inquiries/same-person/:pairId',
              lazy: page(() => import('../inquiries/SamePersonPairPage.tsx'), 'SamePersonPairPage'),
            },
            {
              path: 'inquiries/:inquiryId',
              lazy: page(() => import('../inquiries/InquiryPage.tsx'), 'InquiryPage'),
            },
            {
              path: 'remains',
              lazy: page(() => import('../remains/RemainsPage.tsx'), 'RemainsPage'),
            },
            {
              path: 'manifests',
              lazy: page(() => import('../manifests/ManifestsPage.tsx'), 'ManifestsPage'),
            },
            {
              path: 'manifests/:manifestId',
              lazy: page(() => import('../manifests/ManifestPage.tsx'), 'ManifestPage'),
            },
            {
              path: 'persons/:personId',
              lazy: page(() => import('../persons/PersonFilePage.tsx'), 'PersonFilePage'),
            },
            {
              path: 'receipts',
              lazy: page(() => import('../receipts/ReceiptsPage.tsx'), 'ReceiptsPage'),
            },
            {
              path: 'receipts/:receiptId',
              lazy: page(() => import('../receipts/ReceiptPage.tsx'), 'ReceiptPage'),
            },
            {
              path: 'talks/*',
              lazy: page(() => import('../talks/TalksSection.tsx'), 'TalksSection'),
            },
          ],
        },
        {
          path: '/admin',
          lazy: page(() => import('../admin/AdminLayout.tsx'), 'AdminLayout'),
          children: [
            { index: true, element: <Navigate to="/admin/users" replace /> },
            { path: 'users', lazy: page(() => import('../admin/UsersPage.tsx'), 'UsersPage') },
            { path: 'tokens', lazy: page(() => import('../admin/TokensPage.tsx'), 'TokensPage') },
            { path: 'keys', lazy: page(() => import('../keys/KeysPage.tsx'), 'KeysPage') },
            {
              path: 'retention',
              lazy: page(() => import('../retention/RetentionPage.tsx'), 'RetentionPage'),
            },
            { path: 'audit', lazy: page(() => import('../admin/AuditPage.tsx'), 'AuditPage') },
          ],
        },
        { path: '*', element: <Navigate to="/choose" replace /> },
      ],
    },
  ]),
);
