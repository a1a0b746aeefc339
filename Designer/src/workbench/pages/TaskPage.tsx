import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { api } from '../../api/client';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { useLocalized } from '../../components/localized';
import { useAuth } from '../../auth/AuthContext';
import { workbenchApi, newKey } from '../api';
import { Due, StatusBadge, useProcessName } from '../components/Bits';
import { CaseData } from '../components/CaseData';
import { FormFields } from '../components/FormFields';
import { lightOf, formatDateTime } from '../format';
import { missingFields, toPayload } from '../formValues';
import { agencyNamer, useAgencies } from '../useAgencies';

/** One task: what is asked, its form and outcomes, and the case around it (data, deadlines, attachments). */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const navigate = useNavigate();
  const { profile } = useAuth();
  const processName = useProcessName();
  const name = agencyNamer(useAgencies(), i18n.language);
  const task = useLoad((signal) => workbenchApi.task(id, signal), [id]);
  const caseId = task.data?.instanceId;
  const detail = useLoad((signal) => (caseId ? workbenchApi.caseDetail(caseId, signal) : Promise.resolve(undefined)), [caseId]);
  const attachments = useLoad((signal) => (caseId ? workbenchApi.attachments(caseId, signal) : Promise.resolve([])), [caseId]);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);

  if (task.error) return <div className="page"><ProblemMessage error={task.error} /></div>;
  if (!task.data) return <Loading />;
  const current = task.data;
  const fields = current.form?.fields ?? [];
  const open = current.status === 'open';
  const mayAct = open && profile?.agency === current.assigneeAgency && profile.roles.includes(current.assigneeRole as never);
  const heldByOther = !!current.claimedBy && current.claimedBy !== profile?.id;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function complete(outcome: string) {
    const absent = missingFields(fields, values, outcome);
    setMissing(absent);
    if (absent.length > 0) return;
    const ok = await run(() => workbenchApi.complete(current.id, outcome, toPayload(fields, values), comment, `${key}-${outcome}`));
    if (ok) navigate(`/cases/${current.instanceId}`, { state: { completed: lt(current.title) } });
  }

  const summary = detail.data?.summary;
  return (
    <div className="page wb-task-page" data-testid="task-page" data-activity={current.activityId}>
      <div className="wb-crumbs">
        <Link to="/tasks">{t('tasks.title')}</Link> ›{' '}
        {summary && <Link to={`/cases/${current.instanceId}`}>{processName(summary.processId, summary.processName)}</Link>}
      </div>
      <div className="wb-two">
        <section className="card wb-main">
          <div className="row">
            <h1 data-testid="task-title">{lt(current.title)}</h1>
            <span className="spacer" />
            {!open && <span className="badge">{t(`taskStatus.${current.status}`)}</span>}
          </div>
          <div className="row wb-meta">
            <span>
              {t('task.assignee')}: {name(current.assigneeAgency)} · {t(`roles.${current.assigneeRole}`, { ns: 'common', defaultValue: current.assigneeRole })}
            </span>
            <Due dueAt={current.dueAt} light={open ? lightOf(current.createdAt, current.dueAt) : null} estimated={current.dueEstimated} />
          </div>
          {current.legalBasis && <p className="muted wb-small">{t('task.legalBasis')}: {current.legalBasis}</p>}
          {current.description && <pre className="wb-description">{lt(current.description)}</pre>}

          {open && !mayAct && <div className="alert alert-info">{t('task.notYours', { role: t(`roles.${current.assigneeRole}`, { ns: 'common' }) })}</div>}
          {open && heldByOther && <div className="alert alert-info">{t('task.claimedByOther')}</div>}
          {!open && current.closedAt && (
            <div className="alert alert-ok">
              {t('task.closed', { at: formatDateTime(current.closedAt, i18n.language), outcome: current.outcome ?? '' })}
            </div>
          )}

          {fields.length > 0 && (
            <FormFields fields={fields} values={open ? values : (current.data ?? {})} disabled={!mayAct || busy} caseId={current.instanceId}
              error={error} errorPrefix="data." missing={missing} onUploaded={attachments.reload} onChange={(k, v) => {
              setValues((old) => ({ ...old, [k]: v }));
              setMissing((m) => m.filter((x) => x !== k));
            }} />
          )}
          {mayAct && (
            <>
              <div className="field">
                <label htmlFor="task-comment">
                  <span>{t('task.comment')}</span>
                </label>
                <textarea id="task-comment" name="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
              </div>
              <ProblemMessage error={error} />
              {missing.length > 0 && <div className="alert alert-error" role="alert">{t('form.fillMissing')}</div>}
              <div className="row wb-outcomes">
                {current.outcomes.map((outcome, index) => (
                  <button key={outcome.name} type="button" className={index === 0 ? 'btn btn-primary' : 'btn'} disabled={busy}
                    data-outcome={outcome.name} onClick={() => void complete(outcome.name)}>
                    {lt(outcome.label ?? outcome.name) || outcome.name}
                  </button>
                ))}
                <span className="spacer" />
                {!current.claimedBy && (
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(() => workbenchApi.claim(current.id)).then((ok) => ok && task.reload())}>
                    {t('task.claim')}
                  </button>
                )}
                {current.claimedBy === profile?.id && (
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(() => workbenchApi.release(current.id)).then((ok) => ok && task.reload())}>
                    {t('task.release')}
                  </button>
                )}
              </div>
            </>
          )}
        </section>

        <aside className="wb-side">
          {summary && (
            <section className="card" data-testid="task-case">
              <h2>
                <Link to={`/cases/${summary.instanceId}`}>{processName(summary.processId, summary.processName)}</Link> <StatusBadge status={summary.status} />
              </h2>
              <p className="muted wb-small">
                {t('case.startedBy')}: {name(summary.startedByAgency) || summary.startedByAgencyName} · {formatDateTime(summary.createdAt, i18n.language)}
              </p>
              <CaseData caseId={summary.instanceId} definitionId={summary.processId} version={summary.version} />
            </section>
          )}
          {detail.data && detail.data.deadlines.length > 0 && (
            <section className="card">
              <h2>{t('case.deadlines')}</h2>
              <ul className="wb-list">
                {detail.data.deadlines.map((d) => (
                  <li key={d.id}>
                    {lt(d.title)} <Due dueAt={d.dueAt} light={d.trafficLight} estimated={d.estimated} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="card">
            <h2>{t('case.attachments')}</h2>
            {(attachments.data ?? []).length === 0 ? (
              <p className="muted">{t('case.noAttachments')}</p>
            ) : (
              <ul className="wb-list">
                {(attachments.data ?? []).map((a) => (
                  <li key={a.id}>
                    <a href={api.url(`/api/attachments/${a.id}`)} download>
                      {a.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
