import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../api/types';

/** A text in Chinese with an optional English version: written as a plain string until English is given. */
export function LocalizedTextInput({ value, onChange, label, multiline, disabled, name }: {
  value: LocalizedText | undefined;
  onChange: (value: LocalizedText | undefined) => void;
  label: string;
  multiline?: boolean;
  disabled?: boolean;
  name?: string;
}) {
  const { t } = useTranslation('designer');
  const zh = typeof value === 'string' ? value : value?.zh ?? '';
  const en = typeof value === 'object' && value ? value.en ?? '' : '';
  const set = (nextZh: string, nextEn: string) => onChange(nextEn ? { zh: nextZh, en: nextEn } : nextZh === '' ? undefined : nextZh);
  const Input = multiline ? 'textarea' : 'input';
  return (
    <div className="localized-text">
      <Input aria-label={label} name={name} value={zh} disabled={disabled} rows={multiline ? 3 : undefined}
        onChange={(e: { target: { value: string } }) => set(e.target.value, en)} />
      <Input aria-label={`${label} (English)`} className="english" placeholder={t('english')} value={en} disabled={disabled} rows={multiline ? 2 : undefined}
        onChange={(e: { target: { value: string } }) => set(zh, e.target.value)} />
    </div>
  );
}
