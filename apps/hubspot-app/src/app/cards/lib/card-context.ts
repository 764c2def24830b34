import type { HubSpotFetch } from './fetch-card.ts';

/** What a card reads from HubSpot's `context` (a `CrmContext` fits). */
export interface CardContext {
  crm: { objectId: number | string };
  user: { locale?: string | undefined };
  portal: { timezone?: string | undefined };
}

/** Every card's props: its dependencies, so that tests render it with their own. */
export interface CardProps {
  context: CardContext;
  /** `hubspot.fetch` in HubSpot; tests answer it from the backend. */
  fetch: HubSpotFetch;
  /** `crm.record.tab` shows everything; `crm.record.sidebar` a compact summary. */
  variant?: 'tab' | 'sidebar';
  /** The clock for "as of 3 minutes ago". */
  now?: () => Date;
  timeoutMs?: number;
}
