import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { useLocalized } from '../../components/localized';
import { useAuth } from '../../auth/AuthContext';
import { workbenchApi, type HumanTask } from '../api';
import { Due } from '../components/Bits';
import { formatDate, lightOf } from '../format';

type LightFilter = 'all' | 'red' | 'yellow' | 'green';

/** Sort: overdue first, then by due time; tasks without a due time last. */
export function byUrgency(a: HumanTask, b: HumanTask): number {
  const da = a.dueAt ? Date.parse(a.dueAt) : Number.MAX_SAFE_INTEGER;
  const db = b.dueAt ? Date.parse(b.dueAt) : Number.MAX_SAFE_INTEGER;
  return da - db || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/** My agency's open tasks with traffic lights and due times; those for my roles first. */
export function TasksPage() {
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const { profile } = useAuth();
  const [filter, setFilter] = useState<LightFilter>('all');
  const [onlyMine, setOnlyMine] = useState(true);
  const inbox = useLoad((signal) => workbenchApi.tasksOfAgency(profile?.agency, signal), [profile?.agency]);
  const tasks = useMemo(() => {
    const now = new Date();
    return (inbox.data ?? [])
      .filter((task) => task.assigneeAgency === profile?.agency)
      .filter((task) => !onlyMine || profile?.roles.includes(task.assigneeRole as never))
      .map((task) => ({ task, light: lightOf(task.createdAt, task.dueAt, now) }))
      .filter(({ light }) => filter === 'all' || light === filter)
      .sort((a, b) => byUrgency(a.task, b.task));
  }, [inbox.data, filter, onlyMine, profile]);
  const counts = useMemo(() => {
    const now = new Date();
    const all = (inbox.data ?? []).filter((task) => task.assigneeAgency === profile?.agency);
    return {
      red: all.filter((x) => lightOf(x.createdAt, x.dueAt, now) === 'red').length,
      yellow: all.filter((x) => lightOf(x.createdAt, x.dueAt, now) === 'yellow').length,
    };
  }, [inbox.data, profile]);

  return (
    <div className="page" data-testid="tasks-page">
      <div className="row">
        <h1>{t('tasks.title')}</h1>
        <span className="spacer" />
        {counts.red > 0 && <span className="badge badge-danger">{t('tasks.redCount', { count: counts.red })}</span>}
        {counts.yellow > 0 && <span className="badge badge-warn">{t('tasks.yellowCount', { count: counts.yellow })}</span>}
      </div>
      <div className="row wb-toolbar">
        {(['all', 'red', 'yellow', 'green'] as LightFilter[]).map((f) => (
          <button key={f} type="button" className={filter === f ? 'btn btn-small btn-primary' : 'btn btn-small'} onClick={() => setFilter(f)} data-filter={f}>
            {t(`tasks.filter.${f}`)}
          </button>
        ))}
        <label className="wb-check">
          <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} />
          {t('tasks.onlyMyRoles')}
        </label>
      </div>
      <ProblemMessage error={inbox.error} />
      {inbox.loading && !inbox.data ? (
        <Loading />
      ) : tasks.length === 0 ? (
        <p className="muted" data-testid="tasks-empty">
          {t('tasks.empty')}
        </p>
      ) : (
        <div className="wb-scroll">
          <table className="table wb-table" data-testid="tasks-table">
            <thead>
              <tr>
                <th>{t('tasks.due')}</th>
                <th>{t('tasks.task')}</th>
                <th>{t('tasks.role')}</th>
                <th>{t('tasks.received')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map(({ task, light }) => (
                <tr key={task.id} data-testid="task-row" data-activity={task.activityId} data-instance={task.instanceId} data-light={light ?? 'none'}
                  className={light === 'red' ? 'wb-row-red' : undefined}>
                  <td className="wb-nowrap">
                    <Due dueAt={task.dueAt} light={light} estimated={task.dueEstimated} />
                  </td>
                  <td>
                    <Link to={`/tasks/${task.id}`} className="wb-strong">
                      {lt(task.title)}
                    </Link>
                    {task.legalBasis && <div className="muted wb-small">{task.legalBasis}</div>}
                  </td>
                  <td>
                    {t(`roles.${task.assigneeRole}`, { ns: 'common', defaultValue: task.assigneeRole })}
                    {task.claimedBy && <div className="badge">{t('tasks.claimed')}</div>}
                  </td>
                  <td className="wb-nowrap wb-small">{formatDate(task.createdAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
