import { Button, Flex, Link, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { BACKEND_URL, cardPaths } from '../lib/backend.ts';
import { FETCH_TIMEOUT_MS, type HubSpotFetch } from '../lib/fetch-card.ts';
import type { Messages } from '../lib/messages-en.ts';

type LinkState = { status: 'idle' | 'minting' | 'error' } | { status: 'ready'; url: string };

/**
 * "Open dashboard": asks the backend (a signed `hubspot.fetch` POST, so the backend knows the portal
 * and the HubSpot user) for a sign-in link valid 5 minutes, then offers it as an external link. The
 * link is minted on click rather than with the card, so an open card never holds an expired one.
 */
export function OpenDashboard({
  t,
  fetch,
  companyId,
  timeoutMs = FETCH_TIMEOUT_MS,
}: {
  t: Messages;
  fetch: HubSpotFetch;
  companyId: number | string;
  timeoutMs?: number | undefined;
}) {
  const [state, setState] = useState<LinkState>({ status: 'idle' });
  const mint = async () => {
    setState({ status: 'minting' });
    try {
      const response = await fetch(`${BACKEND_URL}${cardPaths.dashboardLink}`, {
        method: 'POST',
        timeout: timeoutMs,
        body: { companyId: String(companyId) },
      });
      const body = response.ok ? ((await response.json()) as { url?: unknown }) : null;
      if (typeof body?.url !== 'string') throw new Error(`the backend answered ${response.status}`);
      setState({ status: 'ready', url: body.url });
    } catch {
      setState({ status: 'error' });
    }
  };
  if (state.status === 'ready')
    return (
      <Flex direction="column" gap="xs">
        <Link testId="dashboard-link" href={{ url: state.url, external: true }}>
          {t.dashboardReady}
        </Link>
        <Text variant="microcopy">{t.dashboardLinkValid}</Text>
      </Flex>
    );
  return (
    <Flex direction="column" gap="xs">
      {state.status === 'error' ? (
        <Text testId="dashboard-link-error" variant="microcopy">
          {t.dashboardLinkFailed}
        </Text>
      ) : null}
      <Button testId="open-dashboard" size="xs" onClick={mint} disabled={state.status === 'minting'}>
        {state.status === 'minting' ? t.dashboardMinting : t.openDashboard}
      </Button>
    </Flex>
  );
}
