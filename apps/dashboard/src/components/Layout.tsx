import { NavLink, Outlet, useParams } from 'react-router';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { useSession } from '../contexts/SessionProvider.tsx';
import { API_BASE } from '../lib/api.ts';
import { LANGUAGES, type MessageLocale } from '../lib/i18n.ts';

const SECTIONS = [
  ['', 'portfolio'],
  ['model', 'model'],
  ['ledger', 'ledger'],
  ['coverage', 'coverage'],
  ['connections', 'connections'],
] as const;

async function signOut() {
  await fetch(`${API_BASE.replace(/\/api$/, '')}/auth/sign-out`, {
    method: 'POST',
    credentials: 'same-origin',
  });
  globalThis.location.reload();
}

/** The header (tenant, sections, language, who is signed in) around a tenant's pages. */
export function Layout() {
  const { t, lang, setLanguage } = useI18n();
  const session = useSession();
  const { tenant = '' } = useParams();
  const p = session.principal;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          {t('app.title')}
          {tenant ? (
            <span className="tenant" data-testid="tenant-name">
              {tenant}
            </span>
          ) : null}
        </div>
        {tenant ? (
          <nav aria-label={t('app.title')}>
            {SECTIONS.map(([path, key]) => (
              <NavLink
                key={key}
                to={`/${encodeURIComponent(tenant)}${path ? `/${path}` : ''}`}
                end={path === ''}
                data-testid={`nav-${key}`}
              >
                {t(`app.nav.${key}`)}
              </NavLink>
            ))}
            {p.kind === 'admin' && session.tenants.length > 1 ? (
              <NavLink to="/" end data-testid="nav-tenants">
                {t('app.nav.tenants')}
              </NavLink>
            ) : null}
          </nav>
        ) : null}
        <div className="who">
          <label>
            <span className="visually-hidden">{t('app.language')}</span>
            <select
              value={lang}
              onChange={(e) => setLanguage(e.target.value as MessageLocale)}
              data-testid="language"
              aria-label={t('app.language')}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`app.languages.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="muted" data-testid="signed-in">
            {p.kind === 'hubspot-user'
              ? t('app.signed_in_user', { userId: p.userId, portalId: p.portalId })
              : p.via === 'open'
                ? t('app.signed_in_demo')
                : t('app.signed_in_admin')}
          </span>
          {p.kind === 'hubspot-user' ? (
            <button type="button" className="link" onClick={signOut}>
              {t('app.sign_out')}
            </button>
          ) : null}
        </div>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
