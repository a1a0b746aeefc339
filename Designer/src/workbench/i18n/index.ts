import zh from './zh.json';
import en from './en.json';

/** The workbench's translations (namespace "workbench"); the shell registers them. */
export const workbenchTranslations = { zh, en };
