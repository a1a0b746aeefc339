import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { useLocalized } from '../../components/localized';
import { useAuth } from '../../auth/AuthContext';
import { workbenchApi, type HumanTask } from '../api';
import { Due } from '../components/Bits';
import { lightOf } from '../format';
import { agencyNamer, useAgencies } from '../useAgencies';
import { byUrgency } from './TasksPage';

/** The office's steps of a consultation, in the order they come (consultation.json's human tasks of the office). */
const stages: { key: string; activities: string[] }[] = [
  { key: 'review', activities: ['review'] },
  { key: 'convene', activities: ['convene'] },
  { key: 'outcome', activities: ['recordOutcome', 'recordOutcomeUrgent', 'urgentDecision'] },
  { key: 'minutes', activities: ['minutesApproval'] },
  { key: 'deferred', activities: ['deferredFollowUp', 'recommendation'] },
];

/** The coordination office's desk: the review queue and every consultation step waiting on the office, and opinions outstanding. */
export function OfficePage() {
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const { profile } = useAuth();
  const name = agencyNamer(useAgencies(), i18n.language);
  // The office sees every case, so without an agency filter this lists every agency's open tasks.
  const open = useLoad((signal) => workbenchApi.tasksOfAgency(undefined, signal), []);
  const mine = useMemo(() => (open.data ?? []).filter((task) => task.assigneeAgency === profile?.agency).sort(byUrgency), [open.data, profile]);
  const opinions = useMemo(() => {
    const byCase = new Map<string, HumanTask[]>();
    for (const task of open.data ?? []) if (task.activityId === 'opinion') byCase.set(task.instanceId, [...(byCase.get(task.instanceId) ?? []), task]);
    return [...byCase.entries()];
  }, [open.data]);

  if (open.error) return <div className="page"><ProblemMessage error={open.error} /></div>;
  if (!open.data) return <Loading />;
  const other = mine.filter((task) => !stages.some((s) => s.activities.includes(task.activityId)));
  return (
    <div className="page" data-testid="office-page">
      <h1>{t('office.title')}</h1>
      <div className="wb-columns">
        {stages.map((stage) => {
          const tasks = mine.filter((task) => stage.activities.includes(task.activityId));
          return (
            <section key={stage.key} className="card wb-stage" data-stage={stage.key}>
              <h2>
                {t(`office.stage.${stage.key}`)} <span className="badge">{tasks.length}</span>
              </h2>
              {tasks.length === 0 ? <p className="muted">{t('office.none')}</p> : (
                <ul className="wb-list">
                  {tasks.map((task) => (
                    <li key={task.id} data-testid="office-task" data-activity={task.activityId} data-instance={task.instanceId}>
                      <Link to={`/tasks/${task.id}`}>{lt(task.title)}</Link>
                      <Due dueAt={task.dueAt} light={lightOf(task.createdAt, task.dueAt)} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
        <section className="card wb-stage" data-stage="opinions">
          <h2>
            {t('office.stage.opinions')} <span className="badge">{opinions.length}</span>
          </h2>
          {opinions.length === 0 ? <p className="muted">{t('office.none')}</p> : (
            <ul className="wb-list">
              {opinions.map(([caseId, tasks]) => (
                <li key={caseId}>
                  <Link to={`/cases/${caseId}`}>{lt(tasks[0].title).replace(/^.*?：/, '')}</Link>
                  <div className="wb-small">
                    {tasks.map((task) => (
                      <span key={task.id} className={`badge ${lightOf(task.createdAt, task.dueAt) === 'red' ? 'badge-danger' : ''}`}>{name(task.assigneeAgency)}</span>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        {other.length > 0 && (
          <section className="card wb-stage" data-stage="other">
            <h2>{t('office.stage.other')} <span className="badge">{other.length}</span></h2>
            <ul className="wb-list">
              {other.map((task) => (
                <li key={task.id} data-testid="office-task" data-activity={task.activityId}>
                  <Link to={`/tasks/${task.id}`}>{lt(task.title)}</Link>
                  <Due dueAt={task.dueAt} light={lightOf(task.createdAt, task.dueAt)} />
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
