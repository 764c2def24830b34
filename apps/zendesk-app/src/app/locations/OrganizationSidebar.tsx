import { SidebarView } from '../components/SidebarView.tsx';
import { useSidebar } from '../hooks/use-sidebar.ts';
import { loadOrganizationSidebar } from '../lib/sidebar-data.ts';

export default function OrganizationSidebar() {
  const { state, reload } = useSidebar(loadOrganizationSidebar);
  return <SidebarView state={state} onRetry={reload} />;
}
