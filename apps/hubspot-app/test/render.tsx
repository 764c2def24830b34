import { createRenderer } from '@hubspot/ui-extensions/testing';
import type { ReactElement } from 'react';
import { CompanyHealthCard } from '../src/app/cards/components/CompanyHealthCard.tsx';
import { ContactSuccessCard } from '../src/app/cards/components/ContactSuccessCard.tsx';
import { DealHealthCard } from '../src/app/cards/components/DealHealthCard.tsx';
import type { CardContext, CardProps } from '../src/app/cards/lib/card-context.ts';
import type { HubSpotFetch } from '../src/app/cards/lib/fetch-card.ts';

/** The five cards as HubSpot mounts them: component, variant, and where. */
export const CARDS = [
  {
    name: 'company tab',
    Card: CompanyHealthCard,
    variant: 'tab',
    location: 'crm.record.tab',
    kind: 'company',
  },
  {
    name: 'company sidebar',
    Card: CompanyHealthCard,
    variant: 'sidebar',
    location: 'crm.record.sidebar',
    kind: 'company',
  },
  { name: 'deal tab', Card: DealHealthCard, variant: 'tab', location: 'crm.record.tab', kind: 'deal' },
  {
    name: 'deal sidebar',
    Card: DealHealthCard,
    variant: 'sidebar',
    location: 'crm.record.sidebar',
    kind: 'deal',
  },
  {
    name: 'contact tab',
    Card: ContactSuccessCard,
    variant: 'tab',
    location: 'crm.record.tab',
    kind: 'contact',
  },
] as const;

export type CardCase = (typeof CARDS)[number];

/**
 * Renders a card with HubSpot's test renderer, the renderer's own mock context with the given user
 * locale and record id, and the injected fetch.
 */
export function renderCard(
  card: Pick<CardCase, 'Card' | 'variant' | 'location'>,
  options: {
    fetch: HubSpotFetch;
    objectId: number | string;
    locale?: string;
    now?: Date;
    timeoutMs?: number;
  },
) {
  const renderer = createRenderer(card.location);
  const mock = renderer.mocks.context;
  const context: CardContext = {
    crm: { objectId: options.objectId },
    user: { ...mock.user, locale: options.locale ?? 'en-us' },
    portal: { ...mock.portal, timezone: 'UTC' },
  };
  const props: CardProps = {
    context,
    fetch: options.fetch,
    variant: card.variant,
    now: () => options.now ?? new Date(),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  const element: ReactElement = <card.Card {...props} />;
  renderer.render(element);
  return renderer;
}

interface AnyNode {
  nodeType: string;
  text?: string | null;
  childNodes?: AnyNode[];
}

/** All the text under a rendered node, its pieces joined by a space (`.text` holds direct text only). */
export function textOf(node: AnyNode | null | undefined): string {
  if (!node) return '';
  if (node.nodeType === 'text') return node.text ?? '';
  return (node.childNodes ?? [])
    .map((child) => textOf(child))
    .filter(Boolean)
    .join(' ');
}

/**
 * Waits until `ready()` holds (HubSpot's `waitFor` with a plain check: a failed `expect` inside
 * `waitFor` would be recorded by vitest even when a later check passes).
 */
export async function until(r: { waitFor: (check: () => void) => Promise<void> }, ready: () => boolean) {
  await r.waitFor(() => {
    let ok = false;
    try {
      ok = ready();
    } catch {
      ok = false;
    }
    if (!ok) throw new Error('not yet');
  });
}
