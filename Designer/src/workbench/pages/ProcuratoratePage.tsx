import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { useLocalized } from '../../components/localized';
import { useAuth } from '../../auth/AuthContext';
import { workbenchApi, type CaseDetail } from '../api';
import { CaseLink, Due, StatusBadge } from '../components/Bits';
import { formatDate, lightOf } from '../format';
import { byUrgency } from './TasksPage';

/** The procuratorate's steps in a referral (criminal-referral.json): registering the copy, supervision, decisions, notices. */
const supervisionSteps = ['procuratorateCopy', 'supervisionReview', 'procuratorateDecision', 'correctionNotice', 'informAgency'];
const detailsShown = 40;

/** Where a referral stands, read from its completed steps. */
export function referralStage(detail: CaseDetail): string {
  const done = (activity: string, outcome?: string) => detail.closedTasks.some((x) => x.activityId === activity && x.status === 'completed' && (!outcome || x.outcome === outcome));
  const filed = ['policeReview', 'policeReviewExtended7', 'policeReviewExtended30', 'reconsiderationDecision', 'filingAfterNotice'].some((a) => done(a, 'file'));
  if (filed) return 'filed';
  if (done('procuratorateDecision', 'notifyFiling')) return 'filingNotified';
  if (done('notFiledResponse', 'suggestSupervision') || done('afterReconsideration', 'suggestSupervision')) return 'underSupervision';
  if (['policeReview', 'policeReviewExtended7', 'policeReviewExtended30'].some((a) => done(a, 'notFile'))) return 'notFiled';
  if (done('receipt', 'accept')) return 'underReview';
  if (done('transfer', 'transferred')) return 'transferred';
  return 'beforeTransfer';
}

/** The case number and name the referring agency entered (the journal's start entry carries the start input). */
function caseLabel(detail: CaseDetail | undefined): string | undefined {
  const input = detail?.timeline.find((e) => e.kind === 'instanceStarted')?.data as Record<string, unknown> | undefined;
  if (!input || typeof input.caseNo !== 'string') return undefined;
  return typeof input.caseName === 'string' ? `${input.caseNo} ${input.caseName}` : input.caseNo;
}

/** Referrals copied to the procuratorate: their stage and deadlines, and the supervision actions waiting on it. */
export function ProcuratoratePage() {
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const { profile } = useAuth();
  const data = useLoad(async (signal) => {
    const [list, inbox] = await Promise.all([
      workbenchApi.cases({ process: 'criminal-referral', take: 200 }, signal),
      workbenchApi.tasksOfAgency(profile?.agency, signal),
    ]);
    const details = await Promise.all(list.items.slice(0, detailsShown).map((c) => workbenchApi.caseDetail(c.instanceId, signal).catch(() => undefined)));
    return { list, details, actions: inbox.filter((x) => x.assigneeAgency === profile?.agency && supervisionSteps.includes(x.activityId)).sort(byUrgency) };
  }, [profile?.agency]);

  if (data.error) return <div className="page"><ProblemMessage error={data.error} /></div>;
  if (!data.data) return <Loading />;
  const { list, details, actions } = data.data;
  return (
    <div className="page" data-testid="procuratorate-page">
      <h1>{t('procuratorate.title')}</h1>
      <section className="card" data-testid="supervision-actions">
        <h2>{t('procuratorate.actions')} <span className="badge">{actions.length}</span></h2>
        {actions.length === 0 ? <p className="muted">{t('procuratorate.noActions')}</p> : (
          <ul className="wb-list">
            {actions.map((task) => (
              <li key={task.id} data-testid="supervision-action" data-activity={task.activityId} data-instance={task.instanceId}>
                <Link to={`/tasks/${task.id}`}>{lt(task.title)}</Link> <Due dueAt={task.dueAt} light={lightOf(task.createdAt, task.dueAt)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('procuratorate.referrals')} <span className="badge">{list.total}</span></h2>
        {list.items.length === 0 ? <p className="muted">{t('procuratorate.none')}</p> : (
          <div className="wb-scroll">
            <table className="table wb-table" data-testid="referrals-table">
              <thead>
                <tr>
                  <th>{t('procuratorate.case')}</th>
                  <th>{t('procuratorate.agency')}</th>
                  <th>{t('procuratorate.stage')}</th>
                  <th>{t('procuratorate.current')}</th>
                  <th>{t('cases.nextDue')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c, i) => {
                  const detail = details[i];
                  const stage = detail ? referralStage(detail) : undefined;
                  return (
                    <tr key={c.instanceId} data-testid="referral-row" data-instance={c.instanceId} data-stage={stage ?? ''} className={c.trafficLight === 'red' ? 'wb-row-red' : undefined}>
                      <td>
                        <CaseLink id={c.instanceId}>{caseLabel(detail) ?? c.correlationKey ?? c.instanceId.slice(0, 8)}</CaseLink>
                        <div className="muted wb-small">{formatDate(c.createdAt, i18n.language)}</div>
                      </td>
                      <td>{c.startedByAgencyName ?? c.startedByAgency}</td>
                      <td>
                        <StatusBadge status={c.status} /> {stage && <span className={`badge ${stage === 'filed' ? 'badge-ok' : stage === 'notFiled' || stage === 'underSupervision' ? 'badge-danger' : ''}`}>{t(`procuratorate.stages.${stage}`)}</span>}
                      </td>
                      <td className="wb-small">
                        {detail?.openTasks.map((x) => <div key={x.id}>{lt(x.title)} <span className="muted">({x.assigneeAgencyName ?? x.assigneeAgency})</span></div>)}
                      </td>
                      <td className="wb-nowrap">{c.nextDueAt ? <Due dueAt={c.nextDueAt} light={c.trafficLight} /> : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
