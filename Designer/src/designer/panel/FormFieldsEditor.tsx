import { useTranslation } from 'react-i18next';
import { formFieldTypes, type FormField, type FormFieldType } from '../model/types';
import { LocalizedTextInput } from './LocalizedTextInput';

/** A human task's form: its fields with key, label, type, required (always or for some outcomes), choices and limits. */
export function FormFieldsEditor({ value, onChange, outcomes, disabled }: {
  value: unknown;
  onChange: (value: { fields: FormField[] } | undefined) => void;
  /** The task's outcomes, for "required for". */
  outcomes: string[];
  disabled?: boolean;
}) {
  const { t } = useTranslation('designer');
  const form = value && typeof value === 'object' ? (value as { fields?: FormField[] }) : {};
  const fields = form.fields ?? [];
  const setFields = (next: FormField[]) => onChange(next.length === 0 ? undefined : { ...form, fields: next });
  const set = (index: number, field: FormField | undefined) => {
    const next = [...fields];
    if (field) next[index] = field;
    else next.splice(index, 1);
    setFields(next);
  };
  const move = (index: number, by: number) => {
    const next = [...fields];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    setFields(next);
  };
  const number = (text: string) => (text === '' ? undefined : Number(text));
  return (
    <div className="form-fields-editor" data-testid="form-fields-editor">
      {fields.map((field, index) => (
        <fieldset className="form-field card" key={index} data-testid="form-field" disabled={disabled}>
          <div className="row">
            <input aria-label={t('form.key')} className="mono" value={field.key} placeholder="reason" style={{ width: 110 }}
              onChange={(e) => set(index, { ...field, key: e.target.value.replace(/\s/g, '') })} />
            <select aria-label={t('form.type')} value={field.type} onChange={(e) => set(index, { ...field, type: e.target.value as FormFieldType })}>
              {formFieldTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`form.types.${type}`)}
                </option>
              ))}
            </select>
            <span className="spacer" />
            <button type="button" className="btn btn-small" aria-label={t('moveUp')} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
            <button type="button" className="btn btn-small" aria-label={t('moveDown')} disabled={index === fields.length - 1} onClick={() => move(index, 1)}>↓</button>
            <button type="button" className="btn btn-small btn-danger" aria-label={t('remove')} onClick={() => set(index, undefined)}>✕</button>
          </div>
          <LocalizedTextInput label={t('form.label')} value={field.label} onChange={(label) => set(index, { ...field, label: label ?? '' })} />
          <div className="row">
            <label className="inline">
              <input type="checkbox" checked={field.required ?? false} onChange={(e) => set(index, { ...field, required: e.target.checked || undefined })} />
              {t('form.required')}
            </label>
            <label className="inline">
              <input type="checkbox" checked={field.multiple ?? false} onChange={(e) => set(index, { ...field, multiple: e.target.checked || undefined })} />
              {t('form.multiple')}
            </label>
          </div>
          {outcomes.length > 0 && !field.required && (
            <div className="row small" aria-label={t('form.requiredFor')}>
              <span className="muted">{t('form.requiredFor')}</span>
              {outcomes.map((outcome) => (
                <label key={outcome} className="inline">
                  <input type="checkbox" checked={field.requiredForOutcomes?.includes(outcome) ?? false}
                    onChange={(e) => {
                      const list = new Set(field.requiredForOutcomes ?? []);
                      if (e.target.checked) list.add(outcome);
                      else list.delete(outcome);
                      set(index, { ...field, requiredForOutcomes: list.size > 0 ? outcomes.filter((o) => list.has(o)) : undefined });
                    }} />
                  {outcome}
                </label>
              ))}
            </div>
          )}
          {field.type === 'choice' && (
            <input aria-label={t('form.choices')} placeholder={t('form.choicesHint')} value={(field.choices ?? []).join('，')}
              onChange={(e) => set(index, { ...field, choices: e.target.value.split(/[,，]/).map((c) => c.trim()).filter((c) => c) })} />
          )}
          {(field.type === 'text' || field.type === 'longText') && (
            <div className="row small">
              <input aria-label={t('form.minLength')} type="number" placeholder={t('form.minLength')} style={{ width: 90 }} value={field.minLength ?? ''}
                onChange={(e) => set(index, { ...field, minLength: number(e.target.value) })} />
              <input aria-label={t('form.maxLength')} type="number" placeholder={t('form.maxLength')} style={{ width: 90 }} value={field.maxLength ?? ''}
                onChange={(e) => set(index, { ...field, maxLength: number(e.target.value) })} />
            </div>
          )}
          {field.type === 'number' && (
            <div className="row small">
              <input aria-label={t('form.min')} type="number" placeholder={t('form.min')} style={{ width: 90 }} value={field.min ?? ''}
                onChange={(e) => set(index, { ...field, min: number(e.target.value) })} />
              <input aria-label={t('form.max')} type="number" placeholder={t('form.max')} style={{ width: 90 }} value={field.max ?? ''}
                onChange={(e) => set(index, { ...field, max: number(e.target.value) })} />
            </div>
          )}
        </fieldset>
      ))}
      <button type="button" className="btn btn-small" disabled={disabled}
        onClick={() => setFields([...fields, { key: `field${fields.length + 1}`, label: '', type: 'text' }])}>
        {t('form.add')}
      </button>
    </div>
  );
}
