import { useTranslation } from 'react-i18next';
import { durationUnits, type Duration, type DurationUnit } from '../model/types';

/**
 * A period: an amount with its unit (hours / calendar days / working days / months) and the legal basis recorded with
 * every deadline computed from it, or a deadline rule of the deployment profile (whose fields a literal may override).
 */
export function DurationEditor({ value, onChange, disabled }: { value: unknown; onChange: (value: Duration | undefined) => void; disabled?: boolean }) {
  const { t } = useTranslation('designer');
  const duration: Duration = value && typeof value === 'object' ? (value as Duration) : {};
  const mode = duration.rule !== undefined ? 'rule' : 'period';
  const set = (patch: Partial<Duration>) => {
    const next: Duration = { ...duration, ...patch };
    for (const key of Object.keys(next) as (keyof Duration)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    onChange(Object.keys(next).length === 0 ? undefined : next);
  };
  return (
    <div className="duration-editor" data-testid="duration-editor">
      <div className="row">
        <label className="inline">
          <input type="radio" checked={mode === 'period'} disabled={disabled} onChange={() => set({ rule: undefined, amount: duration.amount ?? 3, unit: duration.unit ?? 'workingDays' })} />
          {t('duration.period')}
        </label>
        <label className="inline">
          <input type="radio" checked={mode === 'rule'} disabled={disabled} onChange={() => onChange({ ...duration, rule: duration.rule ?? '' })} />
          {t('duration.rule')}
        </label>
      </div>
      {mode === 'rule' && (
        <input aria-label={t('duration.rule')} className="mono" value={duration.rule ?? ''} disabled={disabled} placeholder="referral.headDecision"
          onChange={(e) => onChange({ ...duration, rule: e.target.value })} />
      )}
      <div className="row">
        <input aria-label={t('duration.amount')} type="number" min={1} step={1} style={{ width: 80 }} disabled={disabled}
          value={duration.amount ?? ''} onChange={(e) => set({ amount: e.target.value === '' ? undefined : Math.max(1, Math.round(Number(e.target.value))) })} />
        <select aria-label={t('duration.unit')} value={duration.unit ?? ''} disabled={disabled}
          onChange={(e) => set({ unit: (e.target.value || undefined) as DurationUnit | undefined })}>
          {mode === 'rule' && <option value="">{t('duration.fromRule')}</option>}
          {durationUnits.map((unit) => (
            <option key={unit} value={unit}>
              {t(`duration.units.${unit}`)}
            </option>
          ))}
        </select>
      </div>
      <input aria-label={t('duration.legalBasis')} placeholder={t('duration.legalBasisHint')} value={duration.legalBasis ?? ''} disabled={disabled}
        onChange={(e) => set({ legalBasis: e.target.value })} />
      {mode === 'period' && duration.amount !== undefined && !duration.legalBasis && <div className="field-warning">{t('duration.noLegalBasis')}</div>}
    </div>
  );
}
