import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { initialLanguageOf } from './initial-language.ts';
import { resources, type Resource } from './resources.ts';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'uk', label: 'Українська' },
  { code: 'ru', label: 'Русский' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'parley.language';

function initialLanguage(): Language {
  const codes = LANGUAGES.map((l) => l.code);
  return initialLanguageOf(codes, localStorage.getItem(STORAGE_KEY), navigator.languages, 'en');
}

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Resource };
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: resources.en },
    uk: { translation: resources.uk },
    ru: { translation: resources.ru },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (language) => {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export default i18n;
