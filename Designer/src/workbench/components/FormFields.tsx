import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { FieldError } from '../../components/Problem';
import { useLocalized } from '../../components/localized';
import { workbenchApi, type FormField } from '../api';
import { agenciesFor, isoToLocalDateTime, localDateTimeToIso } from '../formValues';
import { agencyNamer, useAgencies } from '../useAgencies';

interface Props {
  fields: FormField[];
  values: Record<string, unknown>;
  onChange: (key: string, value: unknown) => void;
  /** The server's 422, whose fields are named with this prefix ("data." for tasks, "input." for starts). */
  error?: unknown;
  errorPrefix?: string;
  /** Keys the user must still fill (shown before sending). */
  missing?: string[];
  /** Where uploads of file fields go; without a case, file fields are not offered. */
  caseId?: string;
  disabled?: boolean;
  /** Called after a file was uploaded into the case (e.g. to refresh its attachment list). */
  onUploaded?: () => void;
  /** The agency the form acts for: in an acting "agencies" field it stays chosen. */
  actingAgency?: string;
}

/** A form rendered from the server's form schema (task forms) or a process's start inputs. */
export function FormFields({ fields, values, onChange, error, errorPrefix = '', missing = [], caseId, disabled, onUploaded, actingAgency }: Props) {
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const agencies = useAgencies();
  const name = agencyNamer(agencies, i18n.language);
  return (
    <div className="wb-form">
      {fields.map((field) => {
        const value = values[field.key];
        const id = `field-${field.key}`;
        const isMissing = missing.includes(field.key);
        const label = (
          <span>
            {lt(field.label)}
            {(field.required || (field.requiredForOutcomes?.length ?? 0) > 0) && (
              <em className="wb-required" title={field.required ? t('form.required') : t('form.requiredFor')}>
                {field.required ? ' *' : ' ⁺'}
              </em>
            )}
          </span>
        );
        let control;
        switch (field.type) {
          case 'longText':
            control = (
              <textarea id={id} name={field.key} rows={3} value={String(value ?? '')} maxLength={field.maxLength ?? undefined}
                disabled={disabled} onChange={(e) => onChange(field.key, e.target.value)} />
            );
            break;
          case 'number':
            control = (
              <input id={id} name={field.key} type="number" value={value === undefined ? '' : String(value)} min={field.min ?? undefined}
                max={field.max ?? undefined} disabled={disabled} onChange={(e) => onChange(field.key, e.target.value)} />
            );
            break;
          case 'boolean':
            control = (
              <label className="wb-check">
                <input id={id} name={field.key} type="checkbox" checked={!!value} disabled={disabled} onChange={(e) => onChange(field.key, e.target.checked)} />
                {t('form.yes')}
              </label>
            );
            break;
          case 'date':
            control = <input id={id} name={field.key} type="date" value={String(value ?? '')} disabled={disabled} onChange={(e) => onChange(field.key, e.target.value)} />;
            break;
          case 'dateTime':
            control = (
              <input id={id} name={field.key} type="datetime-local" value={isoToLocalDateTime(value)} disabled={disabled}
                onChange={(e) => onChange(field.key, localDateTimeToIso(e.target.value))} />
            );
            break;
          case 'choice':
            control = (
              <select id={id} name={field.key} value={String(value ?? '')} disabled={disabled} onChange={(e) => onChange(field.key, e.target.value)}>
                <option value="">{t('form.choose')}</option>
                {(field.choices ?? []).map((choice) => (
                  <option key={choice} value={choice}>
                    {t(`choice.${choice}`, { defaultValue: choice })}
                  </option>
                ))}
              </select>
            );
            break;
          case 'agency':
            // The acting agency is the starter's own (or the one the office acts for): shown, never chosen here.
            control = field.actingAgency ? (
              <input id={id} name={field.key} type="text" value={name(String(value ?? ''))} readOnly disabled data-acting-agency={String(value ?? '')} />
            ) : (
              <select id={id} name={field.key} value={String(value ?? '')} disabled={disabled} onChange={(e) => onChange(field.key, e.target.value)}>
                <option value="">{t('form.chooseAgency')}</option>
                {agenciesFor(field, agencies).map((a) => (
                  <option key={a.code} value={a.code}>
                    {name(a.code)}
                  </option>
                ))}
              </select>
            );
            break;
          case 'agencies': {
            const selected = Array.isArray(value) ? (value as string[]) : [];
            control = (
              <div className="wb-agencies" id={id} role="group" data-agencies={field.key}>
                {agenciesFor(field, agencies).map((a) => (
                  <label key={a.code} className="wb-check">
                    <input type="checkbox" name={`${field.key}.${a.code}`} value={a.code} checked={selected.includes(a.code)}
                      disabled={disabled || (field.actingAgency && a.code === actingAgency)}
                      onChange={(e) => onChange(field.key, e.target.checked ? [...selected, a.code] : selected.filter((c) => c !== a.code))} />
                    {name(a.code)}
                  </label>
                ))}
              </div>
            );
            break;
          }
          case 'file':
            control = <FileField field={field} value={value} caseId={caseId} disabled={disabled} onUploaded={onUploaded} onChange={(v) => onChange(field.key, v)} />;
            break;
          default:
            control = (
              <input id={id} name={field.key} type="text" value={String(value ?? '')} maxLength={field.maxLength ?? undefined} disabled={disabled}
                onChange={(e) => onChange(field.key, e.target.value)} />
            );
        }
        return (
          <div key={field.key} className={isMissing ? 'field wb-missing' : 'field'} data-field={field.key}>
            {field.type === 'agencies' || field.type === 'file' ? label : <label htmlFor={id}>{label}</label>}
            {control}
            {field.help && <small className="muted">{lt(field.help)}</small>}
            {isMissing && <div className="field-error">{t('form.missing')}</div>}
            <FieldError error={error as ApiError | undefined} field={errorPrefix + field.key} nested />
          </div>
        );
      })}
    </div>
  );
}

/** Uploads go to the case's attachments; the field holds their ids (one, or a list when multiple). */
function FileField({ field, value, caseId, disabled, onChange, onUploaded }: { field: FormField; value: unknown; caseId?: string; disabled?: boolean; onChange: (v: unknown) => void; onUploaded?: () => void }) {
  const { t } = useTranslation('workbench');
  const [names, setNames] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const ids = Array.isArray(value) ? (value as string[]) : typeof value === 'string' && value ? [value] : [];
  if (!caseId) return <small className="muted">{t('form.noUploadYet')}</small>;
  return (
    <div className="wb-files">
      {ids.map((id) => (
        <span key={id} className="badge" data-attachment={id}>
          {names[id] ?? id.slice(0, 8)}
          {!disabled && (
            <button type="button" className="wb-link" aria-label={t('form.removeFile')} onClick={() => onChange(ids.filter((x) => x !== id))}>
              ×
            </button>
          )}
        </span>
      ))}
      {(field.multiple || ids.length === 0) && (
        <input type="file" name={field.key} disabled={disabled || busy} aria-label={t('form.upload')}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setBusy(true);
            setFailure(undefined);
            try {
              const uploaded = await workbenchApi.upload(caseId, file);
              setNames((n) => ({ ...n, [uploaded.id]: uploaded.fileName }));
              onChange([...ids, uploaded.id]);
              onUploaded?.();
            } catch (err) {
              setFailure((err as Error).message);
            } finally {
              setBusy(false);
            }
          }} />
      )}
      {busy && <small className="muted">{t('form.uploading')}</small>}
      {failure && <div className="field-error">{failure}</div>}
    </div>
  );
}
