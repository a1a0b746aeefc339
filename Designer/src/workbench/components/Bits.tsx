import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TrafficLight } from '../../api/types';
import { TrafficLightBadge } from '../../components/TrafficLightBadge';
import { formatDateTime, remaining } from '../format';
import type { WorkflowStatus } from '../api';

/** A due time with its light and what is left (or how late it is). */
export function Due({ dueAt, light, estimated }: { dueAt?: string | null; light?: TrafficLight | null; estimated?: boolean }) {
  const { t, i18n } = useTranslation('workbench');
  if (!dueAt) return <span className="muted">{t('due.none')}</span>;
  return (
    <span className={`wb-due wb-due-${light ?? 'none'}`}>
      <TrafficLightBadge light={light ?? null} />
      <span>
        {formatDateTime(dueAt, i18n.language)}
        {estimated && <small className="muted"> {t('due.estimated')}</small>}
        <br />
        <small>{remaining(dueAt, t)}</small>
      </span>
    </span>
  );
}

export function StatusBadge({ status }: { status: WorkflowStatus }) {
  const { t } = useTranslation('workbench');
  const tone = status === 'completed' ? 'badge-ok' : status === 'faulted' ? 'badge-danger' : status === 'cancelled' ? '' : 'badge-warn';
  return (
    <span className={`badge ${tone}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function CaseLink({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <Link to={`/cases/${id}`} data-case={id}>
      {children}
    </Link>
  );
}

/** A process id in the UI language (the server's Chinese name when the workbench has no translation). */
export function useProcessName(): (id: string, fallback?: string) => string {
  const { t } = useTranslation('workbench');
  return (id, fallback) => t(`process.${id}`, { defaultValue: fallback ?? id });
}
