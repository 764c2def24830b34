import { useI18n } from '../contexts/I18nProvider.tsx';
import type { SidebarState } from '../hooks/use-sidebar.ts';
import type { SidebarData } from '../lib/sidebar-data.ts';
import { FreshnessLine, RecentComments, RequesterHistory } from './Activity.tsx';
import { Figures } from './Figures.tsx';
import { HealthSection } from './HealthSection.tsx';
import { SidebarFrame } from './SidebarFrame.tsx';
import { EmptyNotice, ErrorView, LoadingView } from './SidebarStates.tsx';

/** Why there is no account, and what an admin can do about it. */
function NoAccount({ data }: { data: SidebarData }) {
  const { t } = useI18n();
  const org = data.organization;
  if (org)
    return (
      <EmptyNotice testId="empty-unlinked" title={t('empty.unlinked_title')}>
        {t('empty.unlinked_body', {
          name: org.organization.name ?? org.organization.id,
          domains: org.organization.domainNames.join(', ') || t('empty.no_domains'),
        })}
      </EmptyNotice>
    );
  return (
    <EmptyNotice testId="empty-alone" title={t('empty.alone_title')}>
      {t('empty.alone_body', { email: data.requester?.email ?? '—' })}
    </EmptyNotice>
  );
}

function Ready({ data }: { data: SidebarData }) {
  const { t } = useI18n();
  const title =
    data.card?.account.name ?? data.organization?.organization.name ?? data.card?.account.domain ?? '';
  return (
    <>
      {data.card ? <HealthSection card={data.card} title={title} /> : <NoAccount data={data} />}
      {data.card && data.organization && data.organization.organization.name !== data.card.account.name && (
        <span data-testid="organization-name" style={{ opacity: 0.75 }}>
          {t('organization')}: {data.organization.organization.name ?? data.organization.organization.id}
        </span>
      )}
      {(data.card || data.organization || data.requesterFcr) && <Figures data={data} />}
      <RequesterHistory data={data} />
      <RecentComments data={data} />
      <FreshnessLine data={data} />
    </>
  );
}

/** One view per state: loading, error (with retry), empty (with the reason), ready. */
export function SidebarView({ state, onRetry }: { state: SidebarState; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <SidebarFrame>
      {state.status === 'loading' ? (
        <LoadingView />
      ) : state.status === 'error' ? (
        <ErrorView error={state.error} onRetry={onRetry} />
      ) : 'empty' in state.load ? (
        <EmptyNotice testId="empty-no-requester" title={t('requester')}>
          {t('empty.no_requester')}
        </EmptyNotice>
      ) : (
        <Ready data={state.load} />
      )}
    </SidebarFrame>
  );
}
