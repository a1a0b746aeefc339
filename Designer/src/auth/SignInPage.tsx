import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthContext';
import { FieldError, ProblemMessage } from '../components/Problem';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** One sign-in for the whole web app, with the server's accounts. */
export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(userName, password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="auth-card card" onSubmit={submit} aria-label={t('signIn.title')}>
        <div className="auth-head">
          <h1>{t('appName')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('signIn.subtitle')}</p>
        <label className="field">
          <span>{t('signIn.userName')}</span>
          <input name="userName" autoComplete="username" value={userName} onChange={(e) => setUserName(e.target.value)} autoFocus />
          <FieldError error={error} field="userName" />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <FieldError error={error} field="password" />
        </label>
        <ProblemMessage error={error} hideFields />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
