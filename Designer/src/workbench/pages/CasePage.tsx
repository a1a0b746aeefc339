import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { useLocalized } from '../../components/localized';
import { useAuth } from '../../auth/AuthContext';
import { workbenchApi, type JournalEntry } from '../api';
import { Due, StatusBadge, useProcessName } from '../components/Bits';
import { CaseData } from '../components/CaseData';
import { TaskData } from '../components/TaskData';
import { EvidenceCard } from '../components/EvidenceCard';
import { formatDateTime } from '../format';
import { agencyNamer, useAgencies } from '../useAgencies';

/** Journal kinds worth showing on the timeline (the engine's own bookkeeping is left out). */
const shownKinds = new Set(['instanceStarted', 'taskAssigned', 'taskCompleted', 'taskCancelled', 'taskClaimed', 'taskReleased', 'taskReassigned',
  'alertRaised', 'instanceCompleted', 'instanceFaulted', 'instanceCancelled', 'instanceRetried', 'timerFiredLate', 'messageReceived', 'messageSent',
  'attachmentAdded', 'evidenceExported']);

/** Everything a party follows a case by: state, deadlines, open and closed tasks, participants, documents, attachments, timeline. */
export function CasePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const { profile } = useAuth();
  const processName = useProcessName();
  const name = agencyNamer(useAgencies(), i18n.language);
  const detail = useLoad((signal) => workbenchApi.caseDetail(id, signal), [id]);
  const documents = useLoad((signal) => workbenchApi.documents(id, signal).catch(() => []), [id]);
  const attachments = useLoad((signal) => workbenchApi.attachments(id, signal), [id]);
  // The tasks' forms, to label what the closed ones recorded.
  const forms = useLoad(async (signal) => {
    const tasks = await workbenchApi.tasksOfCase(id, signal).catch(() => []);
    return new Map(tasks.map((task) => [task.id, task]));
  }, [id]);
  const state = location.state as { completed?: string; started?: boolean } | null;
  // The notice is for this arrival only: a reload of the same address does not repeat it.
  useEffect(() => {
    if (location.state) window.history.replaceState({ ...window.history.state, usr: null }, '');
  }, [location.state]);

  if (detail.error) return <div className="page"><ProblemMessage error={detail.error} /></div>;
  if (!detail.data) return <Loading />;
  const { summary, participants, openTasks, deadlines, closedTasks, timeline } = detail.data;
  const outcomeLabel = (taskId: string, outcome: string | null | undefined) => {
    if (!outcome) return undefined;
    const label = forms.data?.get(taskId)?.outcomes.find((o) => o.name === outcome)?.label;
    return label ? lt(label) : outcome;
  };
  const titles = new Map<string, string>([...openTasks, ...closedTasks].map((task) => [task.activityId, lt(task.title)]));
  const events = timeline.filter((e) => shownKinds.has(e.kind)).slice().reverse();

  return (
    <div className="page" data-testid="case-page" data-process={summary.processId}>
      {state?.completed && <div className="alert alert-ok" role="status" data-testid="completed-notice">{t('case.completedNotice', { title: state.completed })}</div>}
      {state?.started && <div className="alert alert-ok" role="status" data-testid="started-notice">{t('case.startedNotice')}</div>}
      <div className="row">
        <h1 data-testid="case-title">{processName(summary.processId, summary.processName)}</h1>
        <StatusBadge status={summary.status} />
        <span className="spacer" />
        <Link className="btn btn-small" to={`/instances/${summary.instanceId}`}>{t('case.viewFlow')}</Link>
      </div>
      <p className="muted wb-small">
        {t('case.startedBy')}: {name(summary.startedByAgency) || summary.startedByAgencyName} · {formatDateTime(summary.createdAt, i18n.language)}
        {summary.correlationKey && <> · {summary.correlationKey}</>}
        {summary.completedAt && <> · {t('case.completedAt')}: {formatDateTime(summary.completedAt, i18n.language)}</>}
      </p>
      {detail.data.incident && <div className="alert alert-error">{t('case.incident')}: {detail.data.incident.message}</div>}

      <div className="wb-two">
        <div className="wb-main">
          <section className="card" data-testid="case-open-tasks">
            <h2>{t('case.openTasks')}</h2>
            {openTasks.length === 0 ? <p className="muted">{t('case.noOpenTasks')}</p> : (
              <table className="table wb-table">
                <tbody>
                  {openTasks.map((task) => (
                    <tr key={task.id} data-activity={task.activityId} className={task.trafficLight === 'red' ? 'wb-row-red' : undefined}>
                      <td>
                        {profile?.agency === task.assigneeAgency ? <Link to={`/tasks/${task.id}`}>{lt(task.title)}</Link> : lt(task.title)}
                        <div className="muted wb-small">
                          {name(task.assigneeAgency) || task.assigneeAgencyName} · {t(`roles.${task.assigneeRole}`, { ns: 'common', defaultValue: task.assigneeRole })}
                          {task.claimedByName && <> · {t('case.claimedBy', { name: task.claimedByName })}</>}
                        </div>
                      </td>
                      <td className="wb-nowrap"><Due dueAt={task.dueAt} light={task.trafficLight} estimated={task.dueEstimated} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="card" data-testid="case-deadlines">
            <h2>{t('case.deadlines')}</h2>
            {deadlines.length === 0 ? <p className="muted">{t('case.noDeadlines')}</p> : (
              <ul className="wb-list">
                {deadlines.map((d) => (
                  <li key={d.id} data-light={d.trafficLight}>
                    <strong>{lt(d.title)}</strong> <Due dueAt={d.dueAt} light={d.trafficLight} estimated={d.estimated} />
                    {d.legalBasis && <div className="muted wb-small">{d.legalBasis}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" data-testid="case-closed-tasks">
            <h2>{t('case.closedTasks')}</h2>
            {closedTasks.length === 0 ? <p className="muted">{t('case.noClosedTasks')}</p> : (
              <table className="table wb-table">
                <tbody>
                  {closedTasks.map((task) => (
                    <tr key={task.id} data-activity={task.activityId}>
                      <td>
                        <strong>{lt(task.title)}</strong>
                        <div className="muted wb-small">
                          {name(task.assigneeAgency) || task.assigneeAgencyName} · {task.closedByName ?? ''} · {formatDateTime(task.closedAt, i18n.language)}
                          {task.late && <span className="badge badge-danger"> {t('case.late')}</span>}
                        </div>
                        {task.data && <TaskData data={task.data} fields={forms.data?.get(task.id)?.form?.fields} />}
                        {task.comment && <div className="wb-small"><span className="muted">{t('case.comment')}：</span>{task.comment}</div>}
                      </td>
                      <td className="wb-nowrap"><span className="badge" data-outcome={task.outcome ?? ''}>{outcomeLabel(task.id, task.outcome) ?? t(`taskStatus.${task.status}`)}</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="card" data-testid="case-timeline">
            <h2>{t('case.timeline')}</h2>
            <ol className="wb-timeline">
              {events.map((e: JournalEntry) => {
                const taskId = (e.data as { taskId?: string } | null | undefined)?.taskId;
                const title = (taskId && forms.data?.get(taskId)?.title) ? lt(forms.data.get(taskId)!.title) : e.activityId ? titles.get(e.activityId) : undefined;
                // An assignment names whom the task went to ("agency/role"); other entries name who acted.
                const assigned = e.kind === 'taskAssigned' ? /^([^/]+)\/(.+)$/.exec(e.message ?? '') : null;
                const agency = assigned ? assigned[1] : e.actor?.agency;
                const role = assigned ? assigned[2] : e.actor?.role;
                return (
                  <li key={e.sequence} data-kind={e.kind}>
                    <time>{formatDateTime(e.at, i18n.language)}</time>
                    <span>
                      {t(`journal.${e.kind}`, { defaultValue: e.kind })}
                      {title && <> · {title}</>}
                      {agency && <span className="muted"> {assigned ? '→' : '—'} {name(agency)}{role ? ` · ${t(`roles.${role}`, { ns: 'common', defaultValue: role })}` : ''}</span>}
                      {e.kind === 'alertRaised' && e.message && <div className="wb-small">{e.message}</div>}
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
        </div>

        <aside className="wb-side">
          <section className="card" data-testid="case-documents">
            <h2>{t('case.documents')}</h2>
            {(documents.data ?? []).length === 0 ? <p className="muted">{t('case.noDocuments')}</p> : (
              <ul className="wb-list">
                {(documents.data ?? []).map((d) => (
                  <li key={d.kind} data-document={d.kind}>
                    {d.available ? (
                      <a href={api.url(d.url)} download={d.fileName} className="btn btn-small">⬇ {i18n.language.startsWith('en') ? d.titleEn : d.title}</a>
                    ) : (
                      <span className="muted" title={d.unavailableReason ?? ''}>{i18n.language.startsWith('en') ? d.titleEn : d.title} — {d.unavailableReason}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <EvidenceCard caseId={summary.instanceId} />
          <section className="card" data-testid="case-participants">
            <h2>{t('case.participants')}</h2>
            <ul className="wb-list">
              {participants.map((p) => (
                <li key={p.agency} data-agency={p.agency}>
                  {name(p.agency) || p.name}
                  {p.relations.map((r) => <span key={r} className="badge">{t(`case.relation.${r}`)}</span>)}
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>{t('case.data')}</h2>
            <CaseData caseId={summary.instanceId} definitionId={summary.processId} version={summary.version} />
          </section>
          <section className="card" data-testid="case-attachments">
            <h2>{t('case.attachments')}</h2>
            {(attachments.data ?? []).length === 0 ? <p className="muted">{t('case.noAttachments')}</p> : (
              <ul className="wb-list">
                {(attachments.data ?? []).map((a) => (
                  <li key={a.id}><a href={api.url(`/api/attachments/${a.id}`)} download>{a.fileName}</a></li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
