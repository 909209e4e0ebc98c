/**
 * The chosen language for every screen: `useI18n().t` is the catalogue of lib/i18n.ts in it.
 * Switching saves the choice (localStorage), sets <html lang> and the locale lib/format.ts
 * writes numbers, money and dates in, then draws the screens again.
 */
import { createContext, Fragment, useContext, useState, type ReactNode } from 'react';
import { CATALOGUE, formatLocaleFor, loadLang, saveLang, type Lang, type Messages } from './lib/i18n.ts';
import { setFormatLocale } from './lib/format.ts';

interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ lang: 'en', t: CATALOGUE.en, setLang: () => {} });

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

export function I18nProvider(props: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => props.initial ?? loadLang());
  // Set during render, before any child formats a number (as the shop's currency is).
  setFormatLocale(formatLocaleFor(lang, browserLanguages()));
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  const setLang = (l: Lang) => {
    saveLang(l);
    setLangState(l);
  };
  return (
    <I18nContext.Provider value={{ lang, t: CATALOGUE[lang], setLang }}>
      {/* Keyed by the language: every screen is drawn again in it. */}
      <Fragment key={lang}>{props.children}</Fragment>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
