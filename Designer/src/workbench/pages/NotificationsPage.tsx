import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { workbenchApi } from '../api';
import { formatDateTime } from '../format';

/** My notifications (the scheduling helper's API; shown as empty while the server has none). */
export function NotificationsPage() {
  const { t, i18n } = useTranslation('workbench');
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [error, setError] = useState<unknown>();
  const list = useLoad((signal) => workbenchApi.notifications(unreadOnly, signal), [unreadOnly]);

  async function act(action: () => Promise<unknown>) {
    setError(undefined);
    try {
      await action();
      list.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="page wb-narrow" data-testid="notifications-page">
      <div className="row">
        <h1>{t('notifications.title')}</h1>
        <span className="spacer" />
        <label className="wb-check">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('notifications.unreadOnly')}
        </label>
        <button type="button" className="btn btn-small" onClick={() => void act(workbenchApi.markAllRead)}>{t('notifications.readAll')}</button>
      </div>
      <ProblemMessage error={list.error ?? error} />
      {!list.data ? <Loading /> : list.data.length === 0 ? <p className="muted" data-testid="notifications-empty">{t('notifications.empty')}</p> : (
        <ul className="wb-notifications">
          {list.data.map((n) => (
            <li key={n.id} className={n.readAt ? 'card' : 'card wb-unread'} data-testid="notification" data-kind={n.kind}>
              <div className="row">
                <strong>{n.title}</strong>
                <span className="spacer" />
                <small className="muted">{formatDateTime(n.createdAt, i18n.language)}</small>
              </div>
              <p>{n.body}</p>
              <div className="row">
                {n.taskId && <Link to={`/tasks/${n.taskId}`}>{t('notifications.openTask')}</Link>}
                {n.caseId && <Link to={`/cases/${n.caseId}`}>{t('notifications.openCase')}</Link>}
                <span className="spacer" />
                {!n.readAt && <button type="button" className="btn btn-small" onClick={() => void act(() => workbenchApi.markRead(n.id))}>{t('notifications.markRead')}</button>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
