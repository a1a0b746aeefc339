import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { workbenchApi, type CaseSummary } from '../api';
import { CaseLink, Due, StatusBadge, useProcessName } from '../components/Bits';
import { formatDate } from '../format';
import { agencyNamer, useAgencies } from '../useAgencies';

const processes = ['consultation', 'task-decomposition', 'jurisdiction-dispute', 'criminal-referral', 'reverse-referral', 'assistance-request', 'legal-review',
  'case-transfer', 'first-contact-complaint', 'joint-consultation', 'topic-consultation'];
const statuses = ['running', 'suspended', 'completed', 'faulted', 'cancelled'];

/** A table of cases (the caller sees only those its agency is party to; the office sees all). */
export function CaseTable({ cases, testId = 'cases-table' }: { cases: CaseSummary[]; testId?: string }) {
  const { t, i18n } = useTranslation('workbench');
  const processName = useProcessName();
  const name = agencyNamer(useAgencies(), i18n.language);
  return (
    <div className="wb-scroll">
      <table className="table wb-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('cases.process')}</th>
            <th>{t('cases.key')}</th>
            <th>{t('cases.startedBy')}</th>
            <th>{t('cases.status')}</th>
            <th>{t('cases.nextDue')}</th>
            <th>{t('cases.created')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.instanceId} data-testid="case-row" data-process={c.processId} data-instance={c.instanceId} className={c.trafficLight === 'red' ? 'wb-row-red' : undefined}>
              <td>
                <CaseLink id={c.instanceId}>{processName(c.processId, c.processName)}</CaseLink>
              </td>
              <td className="wb-small">{c.correlationKey ?? c.instanceId.slice(0, 8)}</td>
              <td>{name(c.startedByAgency) || c.startedByAgencyName}</td>
              <td>
                <StatusBadge status={c.status} /> {c.openTaskCount > 0 && <small className="muted">{t('cases.openTasks', { count: c.openTaskCount })}</small>}
              </td>
              <td className="wb-nowrap">{c.nextDueAt ? <Due dueAt={c.nextDueAt} light={c.trafficLight} /> : <span className="muted">—</span>}</td>
              <td className="wb-nowrap wb-small">{formatDate(c.createdAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** My agency's cases (everything for the office), with filters and paging. */
export function CasesPage() {
  const { t } = useTranslation('workbench');
  const processName = useProcessName();
  const [process, setProcess] = useState('');
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [skip, setSkip] = useState(0);
  const take = 25;
  const list = useLoad(
    (signal) => workbenchApi.cases({ process: process || undefined, status: status || undefined, overdue: overdue || undefined, text: query || undefined, skip, take }, signal),
    [process, status, overdue, query, skip],
  );
  return (
    <div className="page" data-testid="cases-page">
      <h1>{t('cases.title')}</h1>
      <form className="row wb-toolbar" onSubmit={(e) => { e.preventDefault(); setSkip(0); setQuery(text); }}>
        <select value={process} onChange={(e) => { setSkip(0); setProcess(e.target.value); }} aria-label={t('cases.process')} name="process">
          <option value="">{t('cases.allProcesses')}</option>
          {processes.map((p) => <option key={p} value={p}>{processName(p)}</option>)}
        </select>
        <select value={status} onChange={(e) => { setSkip(0); setStatus(e.target.value); }} aria-label={t('cases.status')} name="status">
          <option value="">{t('cases.allStatuses')}</option>
          {statuses.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
        <label className="wb-check">
          <input type="checkbox" checked={overdue} onChange={(e) => { setSkip(0); setOverdue(e.target.checked); }} />
          {t('cases.onlyOverdue')}
        </label>
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('cases.searchPlaceholder')} name="text" />
        <button type="submit" className="btn">{t('search', { ns: 'common' })}</button>
      </form>
      <ProblemMessage error={list.error} />
      {list.loading && !list.data ? <Loading /> : list.data && list.data.items.length === 0 ? (
        <p className="muted">{t('cases.empty')}</p>
      ) : list.data ? (
        <>
          <CaseTable cases={list.data.items} />
          <div className="row wb-pager">
            <span className="muted">{t('cases.total', { count: list.data.total })}</span>
            <span className="spacer" />
            <button type="button" className="btn btn-small" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - take))}>‹</button>
            <span>{Math.floor(skip / take) + 1} / {Math.max(1, Math.ceil(list.data.total / take))}</span>
            <button type="button" className="btn btn-small" disabled={skip + take >= list.data.total} onClick={() => setSkip(skip + take)}>›</button>
          </div>
        </>
      ) : null}
    </div>
  );
}
