import { useTranslation } from 'react-i18next';
import type { InputDescriptor, Parameter, TaskOutcome } from '../model/types';
import { isExpression, expr } from '../model/expressions';
import { useCatalog } from '../catalog';
import { localize } from '../../components/localized';
import { allRoles } from '../../api/types';
import { ConditionBuilder } from './ConditionBuilder';
import { DurationEditor } from './DurationEditor';
import { FormFieldsEditor } from './FormFieldsEditor';
import { JsonEditor } from './JsonEditor';
import { LocalizedTextInput } from './LocalizedTextInput';
import { OutcomesEditor } from './OutcomesEditor';

export interface InputContext {
  /** The workflow's variables, for variable pickers. */
  variables: Parameter[];
  /** The activity's outcomes, for "required for" in forms. */
  outcomes: string[];
  /** Field suggestions for conditions. */
  fields: string[];
  disabled?: boolean;
}

/** Kinds whose values are rules anyway: no literal/expression switch. */
const alwaysRule = new Set(['condition', 'json', 'cases', 'formSchema', 'outcomes']);

/** One input of an activity, edited by its descriptor's kind; most may instead be an expression computed at run time. */
export function InputEditor({ descriptor, value, onChange, context }: {
  descriptor: InputDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  context: InputContext;
}) {
  const { t, i18n } = useTranslation('designer');
  const label = localize(descriptor.label, i18n.language) || descriptor.name;
  const expression = isExpression(value) && descriptor.kind !== 'condition';
  const canSwitch = !alwaysRule.has(descriptor.kind);
  return (
    <div className="field input-editor" data-input={descriptor.name}>
      <div className="row input-head">
        <span className="input-label">
          {label}
          {descriptor.required && <span className="required" title={t('requiredInput')}>*</span>}
        </span>
        <code className="muted small">{descriptor.name}</code>
        <span className="spacer" />
        {canSwitch && (
          <button type="button" className={expression ? 'btn btn-small fx active' : 'btn btn-small fx'} disabled={context.disabled}
            title={t('expression.toggle')} aria-pressed={expression}
            onClick={() => onChange(expression ? undefined : expr({ var: '' }))}>
            fx
          </button>
        )}
      </div>
      {expression ? (
        <JsonEditor value={(value as { $expr: unknown }).$expr} onChange={(rule) => onChange(rule === undefined ? undefined : expr(rule))}
          label={`${label} (JSON Logic)`} rows={3} disabled={context.disabled} />
      ) : (
        <LiteralEditor descriptor={descriptor} value={value} onChange={onChange} context={context} label={label} />
      )}
      {descriptor.help && <div className="muted small">{localize(descriptor.help, i18n.language)}</div>}
    </div>
  );
}

function LiteralEditor({ descriptor, value, onChange, context, label }: {
  descriptor: InputDescriptor;
  value: unknown;
  onChange: (value: unknown) => void;
  context: InputContext;
  label: string;
}) {
  const { t, i18n } = useTranslation('designer');
  const catalog = useCatalog();
  const disabled = context.disabled;
  const text = typeof value === 'string' ? value : '';
  const clean = (v: string) => (v === '' ? undefined : v);
  switch (descriptor.kind) {
    case 'text':
    case 'longText':
      return <LocalizedTextInput label={label} name={descriptor.name} value={value as never} onChange={onChange} multiline={descriptor.kind === 'longText'} disabled={disabled} />;
    case 'number':
    case 'integer':
      return <input aria-label={label} type="number" step={descriptor.kind === 'integer' ? 1 : 'any'} value={typeof value === 'number' ? value : ''} disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />;
    case 'boolean':
      return (
        <select aria-label={label} value={value === true ? 'true' : value === false ? 'false' : ''} disabled={disabled}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
          <option value="">{t('default', { value: descriptor.default === undefined ? '—' : String(descriptor.default) })}</option>
          <option value="true">{t('yes', { ns: 'common' })}</option>
          <option value="false">{t('no', { ns: 'common' })}</option>
        </select>
      );
    case 'choice':
      return (
        <select aria-label={label} value={text} disabled={disabled} onChange={(e) => onChange(clean(e.target.value))}>
          <option value="">{t('default', { value: descriptor.default === undefined ? '—' : String(descriptor.default) })}</option>
          {(descriptor.choices ?? []).map((c) => (
            <option key={c} value={c}>{c}</option>
          ))}
        </select>
      );
    case 'agency':
      return (
        <select aria-label={label} value={text} disabled={disabled} onChange={(e) => onChange(clean(e.target.value))}>
          <option value="">{t('choose')}</option>
          {text && !catalog.agencies.some((a) => a.code === text) && <option value={text}>{text}</option>}
          {catalog.agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {localize(a.name, i18n.language)} ({a.code})
            </option>
          ))}
        </select>
      );
    case 'agencies': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return (
        <select aria-label={label} multiple size={5} value={list} disabled={disabled}
          onChange={(e) => onChange(Array.from(e.target.selectedOptions).map((o) => o.value))}>
          {catalog.agencies.map((a) => (
            <option key={a.code} value={a.code}>{localize(a.name, i18n.language)} ({a.code})</option>
          ))}
        </select>
      );
    }
    case 'role':
      return (
        <select aria-label={label} value={text} disabled={disabled} onChange={(e) => onChange(clean(e.target.value))}>
          <option value="">{t('choose')}</option>
          {allRoles.map((role) => (
            <option key={role} value={role}>{t(`roles.${role}`, { ns: 'common' })} ({role})</option>
          ))}
        </select>
      );
    case 'variable':
      return (
        <select aria-label={label} value={text} disabled={disabled} onChange={(e) => onChange(clean(e.target.value))}>
          <option value="">{t('choose')}</option>
          {text && !context.variables.some((v) => v.name === text) && <option value={text}>{text}</option>}
          {context.variables.map((v) => (
            <option key={v.name} value={v.name}>{v.name}</option>
          ))}
        </select>
      );
    case 'definition':
      return (
        <select aria-label={label} value={text} disabled={disabled} onChange={(e) => onChange(clean(e.target.value))}>
          <option value="">{t('choose')}</option>
          {text && !catalog.definitions.some((d) => d.definitionId === text) && <option value={text}>{text}</option>}
          {catalog.definitions.map((d) => (
            <option key={d.definitionId} value={d.definitionId}>{d.name} ({d.definitionId})</option>
          ))}
        </select>
      );
    case 'stringList': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return <input aria-label={label} value={list.join(', ')} disabled={disabled} placeholder="a, b"
        onChange={(e) => {
          const items = e.target.value.split(/[,，]/).map((s) => s.trim());
          onChange(items.every((s) => s === '') ? undefined : items);
        }} />;
    }
    case 'duration':
      return <DurationEditor value={value} onChange={onChange} disabled={disabled} />;
    case 'formSchema':
      return <FormFieldsEditor value={value} onChange={onChange} outcomes={context.outcomes} disabled={disabled} />;
    case 'outcomes':
      return <OutcomesEditor value={value} onChange={(v: TaskOutcome[]) => onChange(v.length === 0 ? undefined : v)} disabled={disabled} />;
    case 'condition': {
      // A condition is a rule the activity evaluates: {"$expr": rule} (a literal true/false is also allowed).
      const rule = isExpression(value) ? value.$expr : value;
      return <ConditionBuilder name={descriptor.name} value={rule} fields={context.fields} disabled={disabled}
        onChange={(r) => onChange(r === undefined ? undefined : typeof r === 'boolean' ? r : expr(r))} />;
    }
    case 'cases':
      return <CasesEditor value={value} onChange={onChange} fields={context.fields} disabled={disabled} />;
    default:
      return <JsonEditor value={value} onChange={onChange} label={label} rows={3} disabled={disabled} />;
  }
}

interface SwitchCase {
  outcome: string;
  condition?: unknown;
}

/** A Switch's cases: each an outcome name and a bare JSON Logic condition. */
function CasesEditor({ value, onChange, fields, disabled }: { value: unknown; onChange: (value: unknown) => void; fields: string[]; disabled?: boolean }) {
  const { t } = useTranslation('designer');
  const cases: SwitchCase[] = Array.isArray(value) ? (value as SwitchCase[]) : [];
  const set = (index: number, item: SwitchCase | undefined) => {
    const next = [...cases];
    if (item) next[index] = item;
    else next.splice(index, 1);
    onChange(next.length === 0 ? undefined : next);
  };
  return (
    <div className="list-editor">
      {cases.map((item, index) => (
        <div className="card case" key={index}>
          <div className="row">
            <input aria-label={t('cases.outcome')} className="mono" value={item.outcome} disabled={disabled}
              onChange={(e) => set(index, { ...item, outcome: e.target.value.replace(/\s/g, '') })} />
            <span className="spacer" />
            <button type="button" className="btn btn-small btn-danger" disabled={disabled} aria-label={t('remove')} onClick={() => set(index, undefined)}>✕</button>
          </div>
          <ConditionBuilder name={`case${index}`} value={item.condition} fields={fields} disabled={disabled}
            onChange={(condition) => set(index, { ...item, condition })} />
        </div>
      ))}
      <button type="button" className="btn btn-small" disabled={disabled} onClick={() => onChange([...cases, { outcome: `case${cases.length + 1}` }])}>
        {t('cases.add')}
      </button>
    </div>
  );
}
