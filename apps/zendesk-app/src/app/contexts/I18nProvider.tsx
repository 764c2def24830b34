import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { useClient } from '../hooks/use-client.ts';
import { createFormatter, type Formatter } from '../lib/format.ts';
import { createTranslate, messageLocale, type Translate } from '../lib/i18n.ts';

interface I18n {
  t: Translate;
  f: Formatter;
  /** The language of the texts ('en', 'ja', 'ro'). */
  lang: string;
}

const I18nContext = createContext<I18n | null>(null);

/** Reads `currentUser.locale` once and provides `t()` and the number / date formatter for it. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [locale, setLocale] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.get('currentUser.locale').then(
      (got) => {
        const value = got['currentUser.locale'];
        if (live) setLocale(typeof value === 'string' && value ? value : 'en');
      },
      () => live && setLocale('en'),
    );
    return () => {
      live = false;
    };
  }, [client]);
  const i18n = useMemo(
    () =>
      locale === null
        ? null
        : { t: createTranslate(locale), f: createFormatter(locale), lang: messageLocale(locale) },
    [locale],
  );
  if (!i18n) return null;
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used within an I18nProvider');
  return i18n;
}
