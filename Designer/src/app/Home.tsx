import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { navFor, type AppRoute } from './registry';

/** The start page when no area provides one: a tile per page the user may open. */
export function Home({ routes }: { routes: AppRoute[] }) {
  const { t } = useTranslation(['common', 'designer', 'workbench']);
  const { profile } = useAuth();
  if (!profile) return null;
  return (
    <div className="page">
      <h1>{t('home.welcome', { name: profile.displayName })}</h1>
      <div className="tiles">
        {navFor(profile, routes)
          .filter((item) => item.to !== '/')
          .map((item) => (
            <Link key={item.to} to={item.to} className="tile card">
              {t(item.labelKey, { ns: item.ns })}
            </Link>
          ))}
      </div>
    </div>
  );
}
