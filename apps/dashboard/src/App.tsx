import { useState } from 'react';
import { createBrowserRouter, type RouteObject, RouterProvider } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { Empty } from './components/States.tsx';
import { I18nProvider, useI18n } from './contexts/I18nProvider.tsx';
import { SessionProvider } from './contexts/SessionProvider.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { ConnectionsPage } from './pages/ConnectionsPage.tsx';
import { CoveragePage } from './pages/CoveragePage.tsx';
import { LedgerPage } from './pages/LedgerPage.tsx';
import { ModelEditorPage } from './pages/ModelEditorPage.tsx';
import { PortfolioPage } from './pages/PortfolioPage.tsx';
import { PortalAccountRedirect, TenantsPage } from './pages/TenantsPage.tsx';

function NotFound() {
  const { t } = useI18n();
  return <Empty testId="page-not-found">{t('states.not_found')}</Empty>;
}

/** The pages, under /dashboard (the server answers every one of these paths with index.html). */
export const routes: RouteObject[] = [
  { path: '/', element: <TenantsPage /> },
  { path: '/accounts/:companyId', element: <PortalAccountRedirect /> },
  {
    path: '/:tenant',
    element: <Layout />,
    children: [
      { index: true, element: <PortfolioPage /> },
      { path: 'accounts/:companyId', element: <AccountPage /> },
      { path: 'model', element: <ModelEditorPage /> },
      { path: 'ledger', element: <LedgerPage /> },
      { path: 'coverage', element: <CoveragePage /> },
      { path: 'connections', element: <ConnectionsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function App() {
  const [router] = useState(() => createBrowserRouter(routes, { basename: '/dashboard' }));
  return (
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  );
}
