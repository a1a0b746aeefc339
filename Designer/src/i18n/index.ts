import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import commonZh from './common.zh.json';
import commonEn from './common.en.json';
import designerZh from './designer.zh.json';
import designerEn from './designer.en.json';
import { workbenchTranslations } from '../workbench/i18n';

/**
 * One namespace per area, each in its own files, so the designer and the workbench never edit one file:
 * "common" (the shell: sign-in, layout, shared components), "designer", "workbench".
 * Simplified Chinese is the default; the choice is remembered in the browser.
 */
export const languageKey = 'consultflow.language';
export type Language = 'zh-CN' | 'en';

function initialLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(languageKey);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // Storage may be unavailable (private mode); Chinese then.
  }
  return 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { common: commonZh, designer: designerZh, workbench: workbenchTranslations.zh },
    en: { common: commonEn, designer: designerEn, workbench: workbenchTranslations.en },
  },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  ns: ['common', 'designer', 'workbench'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initImmediate: false,
} as Parameters<typeof i18n.init>[0]);

export function setLanguage(language: Language) {
  try {
    globalThis.localStorage?.setItem(languageKey, language);
  } catch {
    // Not remembered; still switched for this page.
  }
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export default i18n;
