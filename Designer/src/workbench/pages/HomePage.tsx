import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { useLocalized } from '../../components/localized';
import { startableProcesses, workbenchApi } from '../api';
import { Due } from '../components/Bits';
import { lightOf } from '../format';
import { isOffice, isProcuratorate } from '../roles';
import { byUrgency } from './TasksPage';

/** The start page: what is due for me, unread notifications, and the ways in for my role. */
export function HomePage() {
  const { t } = useTranslation('workbench');
  const lt = useLocalized();
  const { profile } = useAuth();
  const inbox = useLoad((signal) => workbenchApi.tasksOfAgency(profile?.agency, signal), [profile?.agency]);
  const unread = useLoad((signal) => workbenchApi.unreadCount(signal), []);
  if (!profile) return null;
  const tasks = (inbox.data ?? []).filter((x) => x.assigneeAgency === profile.agency && profile.roles.includes(x.assigneeRole as never)).sort(byUrgency);
  const red = tasks.filter((x) => lightOf(x.createdAt, x.dueAt) === 'red').length;
  return (
    <div className="page" data-testid="home-page">
      <h1>{t('home.welcome', { name: profile.displayName })}</h1>
      <div className="wb-kpis card">
        <Link to="/tasks" data-testid="home-tasks"><strong>{tasks.length}</strong><span>{t('home.myTasks')}</span></Link>
        <Link to="/tasks" className={red > 0 ? 'wb-kpi-red' : ''}><strong>{red}</strong><span>{t('home.overdue')}</span></Link>
        <Link to="/notifications" data-testid="home-unread"><strong>{unread.data?.count ?? 0}</strong><span>{t('home.unread')}</span></Link>
      </div>
      <div className="wb-two">
        <section className="card wb-main">
          <h2>{t('home.dueSoon')}</h2>
          {tasks.length === 0 ? <p className="muted">{t('tasks.empty')}</p> : (
            <ul className="wb-list">
              {tasks.slice(0, 8).map((task) => (
                <li key={task.id}>
                  <Link to={`/tasks/${task.id}`}>{lt(task.title)}</Link> <Due dueAt={task.dueAt} light={lightOf(task.createdAt, task.dueAt)} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside className="wb-side">
          {!isOffice(profile) && !isProcuratorate(profile) && (
            <section className="card">
              <h2>{t('start.title')}</h2>
              <div className="wb-buttons">
                {startableProcesses.map((id) => <Link key={id} className="btn" to={`/start/${id}`} data-process={id}>{t(`process.${id}`)}</Link>)}
              </div>
            </section>
          )}
          <section className="card">
            <h2>{t('home.shortcuts')}</h2>
            <div className="wb-buttons">
              {isOffice(profile) && <Link className="btn" to="/office">{t('nav.office')}</Link>}
              {isOffice(profile) && <Link className="btn" to="/office/board">{t('nav.board')}</Link>}
              {isProcuratorate(profile) && <Link className="btn" to="/procuratorate">{t('nav.procuratorate')}</Link>}
              <Link className="btn" to="/cases">{t('nav.cases')}</Link>
              <Link className="btn" to="/statistics">{t('nav.statistics')}</Link>
            </div>
          </section>
        </aside>
      </div>
    </div>
  );
}
