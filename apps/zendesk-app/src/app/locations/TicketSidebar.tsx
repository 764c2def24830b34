import { SidebarView } from '../components/SidebarView.tsx';
import { useSidebar } from '../hooks/use-sidebar.ts';
import { loadTicketSidebar } from '../lib/sidebar-data.ts';

/** ZAF events after which the ticket sidebar reloads (the agent changed the requester or organization). */
export const TICKET_EVENTS = ['ticket.requester.id.changed', 'ticket.organization.changed'] as const;

export default function TicketSidebar() {
  const { state, reload } = useSidebar(loadTicketSidebar, TICKET_EVENTS);
  return <SidebarView state={state} onRetry={reload} />;
}
