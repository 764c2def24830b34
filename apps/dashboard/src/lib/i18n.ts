import en from '../translations/en.json' with { type: 'json' };
import ja from '../translations/ja.json' with { type: 'json' };
import ro from '../translations/ro.json' with { type: 'json' };

/**
 * Every text of the dashboard comes from `src/translations/{en,ja,ro}.json`. English is the
 * reference: a key missing in another language reads English (the translations test keeps them whole).
 */

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<typeof en>;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export const MESSAGES = { en, ja, ro } as const;
export type MessageLocale = keyof typeof MESSAGES;
export const LANGUAGES: readonly MessageLocale[] = ['en', 'ja', 'ro'];

/** The language of the texts for a browser locale ('ja', 'ro-RO', 'en-GB', 'pt-BR', ...). */
export function messageLocale(locale: string | null | undefined): MessageLocale {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return language === 'ja' || language === 'ro' ? language : 'en';
}

/** A BCP 47 tag for Intl: numbers and dates follow the user's own locale, even where texts are English. */
export function intlLocale(locale: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(locale || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function lookup(tree: unknown, key: string): string | undefined {
  let node = tree;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * `t()` for one locale: `{{name}}` placeholders are filled from `values`.
 *
 * @example
 * createTranslate('ro')('bands.red'); // 'Critic'
 */
export function createTranslate(locale: string | null | undefined): Translate {
  const messages = MESSAGES[messageLocale(locale)];
  return (key, values = {}) => {
    const template = lookup(messages, key) ?? lookup(en, key) ?? key;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}
