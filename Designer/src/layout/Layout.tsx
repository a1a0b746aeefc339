import { useState } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { navFor, type AppRoute } from '../app/registry';
import { LanguageSwitch } from './LanguageSwitch';
import { useLocalized } from '../components/localized';
import { isOffice } from '../workbench/roles';

/** Header with the navigation this user may see, who is signed in, language and sign-out; the page below. */
export function Layout({ routes }: { routes: AppRoute[] }) {
  const { t } = useTranslation(['common', 'designer', 'workbench']);
  const { profile, signOut } = useAuth();
  const lt = useLocalized();
  const [open, setOpen] = useState(false);
  if (!profile) return null;
  const items = navFor(profile, routes);
  return (
    <div className="app">
      <header className="app-header">
        <NavLink to="/" className="brand">
          {t('appName')}
        </NavLink>
        <button className="btn nav-toggle" type="button" aria-expanded={open} aria-label={t('menu')} onClick={() => setOpen(!open)}>
          ☰
        </button>
        <nav className={open ? 'app-nav open' : 'app-nav'} aria-label={t('navigation')} onClick={() => setOpen(false)}>
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/'} data-nav={item.to}>
              {t(item.labelKey, { ns: item.ns })}
            </NavLink>
          ))}
          {isOffice(profile) && !profile.apiClient && (
            // Hangfire's own pages, served by the server (a full page load, not a route of this app).
            <a href="/admin/jobs" data-nav="/admin/jobs">
              {t('jobs')}
            </a>
          )}
        </nav>
        <div className="app-user">
          <span className="user-name" title={lt(profile.agencyName) || profile.agency} data-testid="user-name">
            {profile.displayName}
            <small>{lt(profile.agencyName) || profile.agency}</small>
          </span>
          <LanguageSwitch />
          <NavLink to="/account/password" className="btn btn-small">
            {t('password.link')}
          </NavLink>
          <button className="btn btn-small" type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
