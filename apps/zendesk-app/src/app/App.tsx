import { DEFAULT_THEME, ThemeProvider } from '@zendeskgarden/react-theming';
import { type ComponentType, lazy, Suspense } from 'react';
import { I18nProvider } from './contexts/I18nProvider.tsx';
import { useLocation } from './hooks/use-client.ts';

/** Each location the manifest declares, loaded on first use. */
export const LOCATIONS: Record<string, ComponentType> = {
  ticket_sidebar: lazy(() => import('./locations/TicketSidebar.tsx')),
  organization_sidebar: lazy(() => import('./locations/OrganizationSidebar.tsx')),
};

export function App() {
  const location = useLocation();
  const Location = location ? LOCATIONS[location] : undefined;
  return (
    <ThemeProvider theme={DEFAULT_THEME}>
      <I18nProvider>
        <Suspense fallback={null}>{Location ? <Location /> : null}</Suspense>
      </I18nProvider>
    </ThemeProvider>
  );
}
