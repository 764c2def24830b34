import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { createFormatter, type Formatter } from '../lib/format.ts';
import { createTranslate, type MessageLocale, messageLocale, type Translate } from '../lib/i18n.ts';

interface I18n {
  t: Translate;
  /** The language of the texts. */
  lang: MessageLocale;
  /** The locale numbers and dates follow. */
  locale: string;
  /** Formats for an answer's currency (USD when it names none). */
  formatter(currency?: string | null): Formatter;
  setLanguage(lang: MessageLocale): void;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'csm.dashboard.language';

/** The browser's locale, or the language the user picked (kept in localStorage). */
function initialLocale(fallback?: string): string {
  try {
    const picked = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (picked) return picked;
  } catch {
    // Storage may be blocked: the browser's locale it is.
  }
  return fallback ?? globalThis.navigator?.language ?? 'en';
}

/**
 * Texts, numbers and dates in the user's locale: the browser's, until the user picks English,
 * Japanese or Romanian (then numbers and dates follow that language too).
 */
export function I18nProvider({ children, locale: forced }: { children: ReactNode; locale?: string }) {
  const [locale, setLocale] = useState(() => forced ?? initialLocale());
  const value = useMemo<I18n>(() => {
    const formatters = new Map<string, Formatter>();
    return {
      t: createTranslate(locale),
      lang: messageLocale(locale),
      locale,
      formatter(currency) {
        const key = currency ?? '';
        let f = formatters.get(key);
        if (!f) {
          f = createFormatter(locale, currency);
          formatters.set(key, f);
        }
        return f;
      },
      setLanguage(lang) {
        try {
          globalThis.localStorage?.setItem(STORAGE_KEY, lang);
        } catch {
          // Not remembered, but still switched.
        }
        setLocale(lang);
      },
    };
  }, [locale]);
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = value.lang;
  }, [value.lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used within an I18nProvider');
  return i18n;
}
