import { BrowserRouter, Route, Routes, useNavigate } from 'react-router-dom';
import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from '../auth/AuthContext';
import { SignInPage } from '../auth/SignInPage';
import { ChangePasswordPage } from '../auth/ChangePasswordPage';
import { Layout } from '../layout/Layout';
import { Loading } from '../components/Loading';
import { Home } from './Home';
import { NotAllowed, NotFound } from './NotAllowed';
import { hasAnyRole, type AppRoute } from './registry';
import { designerRoutes } from '../designer/routes';
import { workbenchRoutes } from '../workbench/routes';

/** Every area's pages; the workbench's come first so that its "/" (if any) wins over the shell's home. */
export const appRoutes: AppRoute[] = [...workbenchRoutes, ...designerRoutes];

function Guard({ route }: { route: AppRoute }): ReactNode {
  const { profile } = useAuth();
  if (!profile || !hasAnyRole(profile, route.roles)) return <NotAllowed />;
  return route.element;
}

function PasswordPage() {
  const navigate = useNavigate();
  return <ChangePasswordPage forced={false} onDone={() => navigate('/')} />;
}

/** Signed out: the sign-in page at every address (the address stays, so the page opens after signing in). */
function Shell() {
  const { profile } = useAuth();
  if (profile === undefined) return <Loading />;
  if (profile === null) return <SignInPage />;
  if (profile.mustChangePassword) return <ChangePasswordPage forced />;
  const hasHome = appRoutes.some((route) => route.path === '/');
  return (
    <Routes>
      <Route element={<Layout routes={appRoutes} />}>
        {!hasHome && <Route path="/" element={<Home routes={appRoutes} />} />}
        {appRoutes.map((route) => (
          <Route key={route.path} path={route.path} element={<Guard route={route} />} />
        ))}
        <Route path="/account/password" element={<PasswordPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </AuthProvider>
  );
}
