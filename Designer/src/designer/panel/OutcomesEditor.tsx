import { useTranslation } from 'react-i18next';
import type { TaskOutcome } from '../model/types';
import { LocalizedTextInput } from './LocalizedTextInput';

/** A task's outcomes: the name (the connection's outcome) and the button label people see. */
export function OutcomesEditor({ value, onChange, disabled }: { value: unknown; onChange: (value: TaskOutcome[]) => void; disabled?: boolean }) {
  const { t } = useTranslation('designer');
  const outcomes: TaskOutcome[] = Array.isArray(value) ? (value as TaskOutcome[]) : [];
  const set = (index: number, outcome: TaskOutcome | undefined) => {
    const next = [...outcomes];
    if (outcome) next[index] = outcome;
    else next.splice(index, 1);
    onChange(next);
  };
  return (
    <div className="list-editor" data-testid="outcomes-editor">
      {outcomes.map((outcome, index) => (
        <div className="list-row" key={index}>
          <input aria-label={t('outcomes.name')} className="mono" value={outcome.name} disabled={disabled} placeholder="accept"
            onChange={(e) => set(index, { ...outcome, name: e.target.value.replace(/\s/g, '') })} />
          <LocalizedTextInput label={t('outcomes.label')} value={outcome.label} disabled={disabled}
            onChange={(label) => set(index, label === undefined ? { name: outcome.name } : { ...outcome, label })} />
          <button type="button" className="btn btn-small btn-danger" disabled={disabled} aria-label={t('remove')} onClick={() => set(index, undefined)}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" disabled={disabled} onClick={() => onChange([...outcomes, { name: `outcome${outcomes.length + 1}`, label: '' }])}>
        {t('outcomes.add')}
      </button>
    </div>
  );
}
