import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthContext';
import { FieldError, ProblemMessage } from '../components/Problem';

/** Shown instead of every page while the server demands a new password (first sign-in with an issued one). */
export function ChangePasswordPage({ forced, onDone }: { forced: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const { changePassword, signOut } = useAuth();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const mismatch = repeat.length > 0 && repeat !== newPassword;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(currentPassword, newPassword);
      onDone?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={forced ? 'auth-page' : 'page'}>
      <form className="auth-card card" onSubmit={submit} aria-label={t('password.title')}>
        <h1>{t('password.title')}</h1>
        {forced && <p className="alert alert-info">{t('password.forced')}</p>}
        <label className="field">
          <span>{t('password.current')}</span>
          <input name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
          <FieldError error={error} field="currentPassword" />
        </label>
        <label className="field">
          <span>{t('password.new')}</span>
          <input name="newPassword" type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} />
          <FieldError error={error} field="newPassword" />
        </label>
        <label className="field">
          <span>{t('password.repeat')}</span>
          <input name="repeatPassword" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          {mismatch && <div className="field-error">{t('password.mismatch')}</div>}
        </label>
        <ProblemMessage error={error} hideFields />
        <div className="row">
          <button className="btn btn-primary" type="submit" disabled={busy || mismatch}>
            {t('password.submit')}
          </button>
          {forced && (
            <button className="btn" type="button" onClick={() => void signOut()}>
              {t('signOut')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
