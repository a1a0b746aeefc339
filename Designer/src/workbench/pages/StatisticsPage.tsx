import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { workbenchApi } from '../api';
import { useProcessName } from '../components/Bits';
import { BarChart, DonutChart, Legend, color, type Segment } from '../components/Charts';
import { agencyNamer, useAgencies } from '../useAgencies';

/** Cases by process and status, overdue by agency, referral figures, consultations by outcome; period and agency filters; CSV. */
export function StatisticsPage() {
  const { t, i18n } = useTranslation('workbench');
  const processName = useProcessName();
  const agencies = useAgencies();
  const name = agencyNamer(agencies, i18n.language);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [agency, setAgency] = useState('');
  const query = { from: from || undefined, to: to || undefined, agency: agency || undefined };
  const report = useLoad((signal) => workbenchApi.statistics(query, signal), [from, to, agency]);
  const r = report.data;

  const statusSegments = (s: { running: number; suspended: number; completed: number; faulted: number; cancelled: number }): Segment[] => [
    { key: 'open', value: s.running + s.suspended, color: '#1d5fbf', label: t('stats.inProgress') },
    { key: 'completed', value: s.completed, color: '#1e8449', label: t('status.completed') },
    { key: 'faulted', value: s.faulted, color: '#c0392b', label: t('status.faulted') },
    { key: 'cancelled', value: s.cancelled, color: '#95a5a6', label: t('status.cancelled') },
  ];
  const consultationSegments: Segment[] = r
    ? (['consensus', 'defer', 'officeRecommendation', 'urgentDecision', 'rejected', 'withdrawn', 'cancelled', 'pending'] as const).map((k, i) => ({
        key: k, value: r.consultations[k], color: color(i), label: t(`stats.outcome.${k}`),
      }))
    : [];
  const referralRows = r
    ? (['referred', 'filed', 'notFiled', 'underSupervision', 'awaitingDecision', 'returnedNotPolice', 'transferRefused'] as const).map((k, i) => ({
        key: k, label: t(`stats.referral.${k}`), segments: [{ key: k, value: r.referrals[k], color: color(i), label: t(`stats.referral.${k}`) }],
      }))
    : [];

  return (
    <div className="page" data-testid="statistics-page">
      <div className="row">
        <h1>{t('stats.title')}</h1>
        <span className="spacer" />
        <a className="btn" href={api.url('/api/statistics/export.csv', query)} download data-testid="export-csv">
          ⬇ {t('stats.export')}
        </a>
      </div>
      <div className="row wb-toolbar">
        <label className="wb-inline">
          {t('stats.from')} <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="wb-inline">
          {t('stats.to')} <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="wb-inline">
          {t('stats.agency')}
          <select name="agency" value={agency} onChange={(e) => setAgency(e.target.value)}>
            <option value="">{t('stats.allAgencies')}</option>
            {agencies.map((a) => <option key={a.code} value={a.code}>{name(a.code)}</option>)}
          </select>
        </label>
      </div>
      <ProblemMessage error={report.error} />
      {!r ? <Loading /> : (
        <div className="wb-dashboard">
          <section className="card wb-kpis">
            <div data-testid="kpi-total"><strong>{r.totalCases}</strong><span>{t('stats.totalCases')}</span></div>
            <div><strong>{r.byStatus.running + r.byStatus.suspended}</strong><span>{t('stats.inProgress')}</span></div>
            <div><strong>{r.byStatus.completed}</strong><span>{t('status.completed')}</span></div>
            <div className={r.overdue.total > 0 ? 'wb-kpi-red' : ''} data-testid="kpi-overdue"><strong>{r.overdue.total}</strong><span>{t('stats.overdueTasks')}</span></div>
            <div data-testid="kpi-filing-rate">
              <strong>{r.referrals.filingRate === null || r.referrals.filingRate === undefined ? '—' : `${Math.round(r.referrals.filingRate * 1000) / 10}%`}</strong>
              <span>{t('stats.filingRate')}</span>
            </div>
          </section>
          <section className="card">
            <h2>{t('stats.byProcess')}</h2>
            <BarChart testId="chart-by-process" title={t('stats.byProcess')}
              rows={r.byProcess.map((p) => ({ key: p.definitionId, label: processName(p.definitionId), segments: statusSegments(p.byStatus) }))} />
            <Legend segments={statusSegments(r.byStatus)} />
          </section>
          <section className="card">
            <h2>{t('stats.overdueByAgency')}</h2>
            <BarChart testId="chart-overdue" title={t('stats.overdueByAgency')}
              rows={r.overdue.byAgency.map((a) => ({ key: a.agency, label: name(a.agency), segments: [{ key: 'overdue', value: a.tasks, color: '#c0392b', label: t('stats.overdueTasks') }] }))} />
            {r.overdue.byAgency.length === 0 && <p className="muted">{t('stats.noOverdue')}</p>}
          </section>
          <section className="card">
            <h2>{t('stats.referrals')}</h2>
            <BarChart testId="chart-referrals" title={t('stats.referrals')} rows={referralRows} />
          </section>
          <section className="card">
            <h2>{t('stats.consultations')}</h2>
            <div className="wb-donut-box">
              <DonutChart testId="chart-consultations" title={t('stats.consultations')} segments={consultationSegments} />
              <Legend segments={consultationSegments.filter((s) => s.value > 0)} />
            </div>
          </section>
          <section className="card">
            <h2>{t('stats.byAgency')}</h2>
            <BarChart testId="chart-by-agency" title={t('stats.byAgency')}
              rows={r.byAgency.map((a) => ({ key: a.agency, label: name(a.agency), segments: [{ key: 'cases', value: a.cases, color: '#1d5fbf', label: t('stats.cases') }] }))} />
          </section>
        </div>
      )}
    </div>
  );
}
