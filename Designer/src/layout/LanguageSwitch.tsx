import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t('language')}
      value={i18n.language.startsWith('en') ? 'en' : 'zh-CN'}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      <option value="zh-CN">中文</option>
      <option value="en">English</option>
    </select>
  );
}
