import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { Empty } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { useSession } from '../contexts/SessionProvider.tsx';

/** The tenants the signed-in person may open; with only one, straight to its portfolio. */
export function TenantsPage() {
  const { t } = useI18n();
  const { tenants } = useSession();
  if (tenants.length === 1) return <Navigate to={`/${encodeURIComponent(tenants[0]!.name)}`} replace />;
  return (
    <main className="page narrow">
      <h1>{t('tenants.title')}</h1>
      {tenants.length === 0 ? (
        <Empty testId="tenants-empty">{t('tenants.none')}</Empty>
      ) : (
        <>
          <p className="muted">{t('tenants.intro')}</p>
          <ul className="tenant-list" data-testid="tenant-list">
            {tenants.map((tenant) => (
              <li key={tenant.name}>
                <Link to={`/${encodeURIComponent(tenant.name)}`}>{tenant.name}</Link>{' '}
                <span className="muted">
                  {tenant.hubspotPortalId ? t('tenants.portal', { id: tenant.hubspotPortalId }) : ''}
                  {tenant.status === 'paused' ? ` · ${t('tenants.paused')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

/**
 * `/dashboard/accounts/{id}?portalId=...`: the link older cards carry. It opens the account in the
 * tenant of that portal, when the signed-in person may see it.
 */
export function PortalAccountRedirect() {
  const { t } = useI18n();
  const { tenants } = useSession();
  const { companyId = '' } = useParams();
  const [search] = useSearchParams();
  const portalId = Number(search.get('portalId'));
  const tenant =
    tenants.find((x) => x.hubspotPortalId === portalId) ?? (tenants.length === 1 ? tenants[0] : null);
  if (!tenant)
    return (
      <main className="page narrow">
        <Empty testId="portal-unknown">{t('states.forbidden')}</Empty>
      </main>
    );
  return <Navigate to={`/${encodeURIComponent(tenant.name)}/accounts/${companyId}`} replace />;
}
