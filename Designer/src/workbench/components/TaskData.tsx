import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLocalized } from '../../components/localized';
import type { FormField } from '../api';
import { displayValue, formatDateTime } from '../format';
import { agencyNamer, useAgencies } from '../useAgencies';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a completed task's form recorded, labelled by its form (agencies by name, files as download links). */
export function TaskData({ data, fields }: { data: Record<string, unknown>; fields?: FormField[] }) {
  const { t, i18n } = useTranslation('workbench');
  const lt = useLocalized();
  const name = agencyNamer(useAgencies(), i18n.language);
  const entries = Object.entries(data).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
  if (entries.length === 0) return null;
  return (
    <div className="wb-small wb-closed-data">
      {entries.map(([key, value]) => {
        const field = fields?.find((f) => f.key === key);
        let shown: React.ReactNode;
        const list = Array.isArray(value) ? value.map(String) : [String(value)];
        if (field?.type === 'agency' || field?.type === 'agencies') shown = list.map((c) => name(c)).join('、');
        else if (field?.type === 'dateTime') shown = formatDateTime(String(value), i18n.language);
        else if (field?.type === 'file')
          shown = list.map((id) => (guid.test(id) ? <a key={id} href={api.url(`/api/attachments/${id}`)} download>{t('case.file')} {id.slice(0, 8)} </a> : <span key={id}>{id} </span>));
        else shown = displayValue(value, t('form.yes'), t('form.no'));
        return (
          <div key={key} data-key={key}>
            <span className="muted">{field ? lt(field.label) : key}：</span>
            {shown}
          </div>
        );
      })}
    </div>
  );
}
