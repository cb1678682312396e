// Interface language: Russian by default, English on request (switch on the login screen).
// The choice is remembered per workstation in localStorage: it is not sensitive.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { ru } from './ru';
import type { Dictionary, MessageArgs, MessageKey } from './types';

export type { MessageKey, PlainKey } from './types';

export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const DICTIONARIES: Record<Lang, Dictionary> = { ru, en };
/** BCP 47 locale for Intl date formatting. */
export const LOCALES: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

const LANG_KEY = 'zhurnal.lang';

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(LANG_KEY);
    if (saved === 'ru' || saved === 'en') return saved;
  } catch {
    // storage disabled: fall through to the default
  }
  return 'ru';
}

export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

export function translate(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, ...args) => {
    const text = dict[key];
    const params = args[0] as Record<string, string | number> | undefined;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

interface I18n {
  lang: Lang;
  locale: string;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18n>({ lang: 'ru', locale: LOCALES.ru, setLang: () => {}, t: translate('ru') });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANG_KEY, next);
    } catch {
      // not remembered; still switched for this window
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = DICTIONARIES[lang]['app.title'];
  }, [lang]);
  const value = useMemo(() => ({ lang, locale: LOCALES[lang], setLang, t: translate(lang) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
