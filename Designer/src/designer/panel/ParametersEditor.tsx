import { useTranslation } from 'react-i18next';
import { valueTypes, type Parameter, type ValueType } from '../model/types';
import { JsonEditor } from './JsonEditor';
import { LocalizedTextInput } from './LocalizedTextInput';

/** The workflow's inputs (what a caller passes at start) or variables (what SetVariable changes). */
export function ParametersEditor({ value, onChange, kind, disabled }: {
  value: Parameter[] | undefined;
  onChange: (value: Parameter[]) => void;
  kind: 'inputs' | 'variables';
  disabled?: boolean;
}) {
  const { t } = useTranslation('designer');
  const list = value ?? [];
  const set = (index: number, p: Parameter | undefined) => {
    const next = [...list];
    if (p) next[index] = p;
    else next.splice(index, 1);
    onChange(next);
  };
  return (
    <div className="list-editor" data-testid={`${kind}-editor`}>
      {list.map((p, index) => (
        <fieldset className="card parameter" key={index} disabled={disabled} data-testid="parameter">
          <div className="row">
            <input aria-label={t('parameters.name')} className="mono" value={p.name} style={{ width: 120 }}
              onChange={(e) => set(index, { ...p, name: e.target.value.replace(/\s/g, '') })} />
            <select aria-label={t('parameters.type')} value={p.type} onChange={(e) => set(index, { ...p, type: e.target.value as ValueType })}>
              {valueTypes.map((type) => (
                <option key={type} value={type}>{t(`parameters.types.${type}`)}</option>
              ))}
            </select>
            {kind === 'inputs' && (
              <label className="inline">
                <input type="checkbox" checked={p.required ?? false} onChange={(e) => set(index, { ...p, required: e.target.checked || undefined })} />
                {t('parameters.required')}
              </label>
            )}
            <span className="spacer" />
            <button type="button" className="btn btn-small btn-danger" aria-label={t('remove')} onClick={() => set(index, undefined)}>✕</button>
          </div>
          <LocalizedTextInput label={t('parameters.label')} value={p.label} onChange={(label) => set(index, { ...p, label })} />
          <div className="small muted">{t('parameters.default')}</div>
          <JsonEditor value={p.default} rows={1} label={t('parameters.default')} onChange={(v) => set(index, { ...p, default: v })} />
          {p.type === 'string' && (
            <input aria-label={t('parameters.choices')} placeholder={t('parameters.choices')} value={(p.choices ?? []).join(', ')}
              onChange={(e) => {
                const choices = e.target.value.split(/[,，]/).map((c) => c.trim()).filter((c) => c);
                set(index, { ...p, choices: choices.length > 0 ? choices : undefined });
              }} />
          )}
        </fieldset>
      ))}
      <button type="button" className="btn btn-small" disabled={disabled}
        onClick={() => onChange([...list, { name: `${kind === 'inputs' ? 'input' : 'variable'}${list.length + 1}`, type: 'string' }])}>
        {t(`parameters.add.${kind}`)}
      </button>
    </div>
  );
}
