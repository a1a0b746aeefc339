import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../api/types';

/** The text in the current language: English when chosen and present, Chinese otherwise. */
export function localize(text: LocalizedText | null | undefined, language: string): string {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return language.startsWith('en') && text.en ? text.en : text.zh;
}

/** `const lt = useLocalized(); lt(definition.name)` */
export function useLocalized(): (text: LocalizedText | null | undefined) => string {
  const { i18n } = useTranslation();
  return (text) => localize(text, i18n.language);
}
