import { useTranslation } from 'react-i18next';
import type { TrafficLight } from '../api/types';

/** A task's or case's deadline state: green (in time), yellow (due soon), red (overdue). */
export function TrafficLightBadge({ light }: { light: TrafficLight | null | undefined }) {
  const { t } = useTranslation();
  if (!light) return null;
  return (
    <span className={`light light-${light}`} data-light={light} title={t(`light.${light}`)}>
      <span className="light-dot" aria-hidden />
      {t(`light.${light}`)}
    </span>
  );
}
