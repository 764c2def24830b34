import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Flex,
  Link,
  LoadingSpinner,
  Text,
} from '@hubspot/ui-extensions';
import type { Coverage, Freshness } from '../lib/card-types.ts';
import { CardFetchError } from '../lib/fetch-card.ts';
import type { Formatter } from '../lib/format.ts';
import type { Messages } from '../lib/messages-en.ts';

export function LoadingView({ t }: { t: Messages }) {
  return <LoadingSpinner testId="card-loading" label={t.loading} showLabel layout="centered" />;
}

export function ErrorView({ t, error, onRetry }: { t: Messages; error: Error; onRetry: () => void }) {
  const status = error instanceof CardFetchError ? error.status : null;
  return (
    <ErrorState testId="card-error" title={t.errorTitle}>
      <Text>{t.errorBody(status)}</Text>
      <Button testId="card-retry" onClick={onRetry}>
        {t.retry}
      </Button>
    </ErrorState>
  );
}

export function EmptyView({ t }: { t: Messages }) {
  return (
    <EmptyState testId="card-empty" title={t.emptyTitle} layout="vertical" imageName="emptyStateCharts">
      <Text>{t.emptyBody}</Text>
    </EmptyState>
  );
}

/**
 * One notice per source that is not connected (or never synced), or paused because its credential
 * was refused: the figures are partial, or stale.
 */
export function PartialNotices({ t, f, freshness }: { t: Messages; f: Formatter; freshness: Freshness }) {
  const sources = [
    ['HubSpot', freshness.hubspot],
    ['Zendesk', freshness.zendesk],
  ] as const;
  return (
    <>
      {sources.map(([name, source]) =>
        source === null ? (
          <Alert key={name} testId={`card-partial-${name.toLowerCase()}`} title={name} variant="info">
            {t.notConnected(name)}
          </Alert>
        ) : source.status === 'paused' ? (
          <Alert key={name} testId={`card-paused-${name.toLowerCase()}`} title={name} variant="warning">
            {t.paused(name, f.date(source.pausedAt))}
          </Alert>
        ) : null,
      )}
    </>
  );
}

/** "As of 3 minutes ago", the unmatched records of the portal, and the dashboard link. */
export function FreshnessFooter(props: {
  t: Messages;
  f: Formatter;
  freshness: Freshness;
  now: Date;
  coverage?: Coverage | undefined;
  dashboardUrl?: string | null | undefined;
}) {
  const { t, f, freshness, now } = props;
  const asOf = freshness.computedAt ?? latest(freshness);
  const unmatched = Object.values(props.coverage ?? {}).reduce((sum, count) => sum + count, 0);
  return (
    <Flex direction="column" gap="xs">
      {asOf ? (
        <Text testId="card-freshness" variant="microcopy">
          {t.asOf(f.relative(asOf, now))}
        </Text>
      ) : null}
      {unmatched > 0 ? (
        <Text testId="card-coverage" variant="microcopy">
          {t.coverage(f.number(unmatched, 0))}
        </Text>
      ) : null}
      {props.dashboardUrl ? (
        <Link testId="card-dashboard-link" href={{ url: props.dashboardUrl, external: true }}>
          {t.openDashboard}
        </Link>
      ) : null}
    </Flex>
  );
}

function latest(freshness: Freshness): string | null {
  const at = (s: Freshness['hubspot']) => s?.lastSucceededAt ?? null;
  const times = [at(freshness.hubspot), at(freshness.zendesk)].filter(
    (x): x is string => typeof x === 'string',
  );
  return times.sort().at(-1) ?? null;
}
