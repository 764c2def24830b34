import en from '../../translations/en.json' with { type: 'json' };
import ja from '../../translations/ja.json' with { type: 'json' };
import ro from '../../translations/ro.json' with { type: 'json' };

/**
 * Every text of the sidebar comes from `src/translations/{en,ja,ro}.json` (the same files whose
 * `app` section Zendesk reads for the listing and the settings labels). English is the reference:
 * a key missing in another language reads English.
 */

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<typeof en.sidebar>;
/** A text with plural forms: `<key>_one`, `<key>_other`, ... (the forms of each language's plural rules). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;
type Values = Record<string, string | number>;

export interface Translate {
  (key: MessageKey, values?: Values): string;
  /** The form of `key` for `count` in the texts' language (`count` picks it; `values` fill it). */
  plural(key: PluralKey, count: number, values?: Values): string;
}

export const MESSAGES = { en, ja, ro } as const;
export type MessageLocale = keyof typeof MESSAGES;

/** The language of the texts for a Zendesk user locale ('ja', 'ro', 'en-US', 'pt-BR', ...). */
export function messageLocale(locale: string | null | undefined): MessageLocale {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return language === 'ja' || language === 'ro' ? language : 'en';
}

/** A BCP 47 tag for Intl (numbers and dates follow the agent's own locale, even where texts are English). */
export function intlLocale(locale: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(locale ?? 'en')[0] ?? 'en';
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
 * `t()` for one locale: `{{name}}` placeholders are filled from `values`; `t.plural()` picks the
 * form of a counted text.
 *
 * @example
 * createTranslate('ja')('fcr.title'); // '一次解決率'
 * createTranslate('ro').plural('sample.answers', 20, { count: '20' }); // '20 de răspunsuri'
 */
export function createTranslate(locale: string | null | undefined): Translate {
  const language = messageLocale(locale);
  const messages = MESSAGES[language].sidebar;
  const rules = new Intl.PluralRules(language);
  const fill = (key: string, values: Values) => {
    const template = lookup(messages, key) ?? lookup(en.sidebar, key) ?? key;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
  return Object.assign((key: MessageKey, values: Values = {}) => fill(key, values), {
    // The forms of a language are those of its plural rules (en one/other, ja other, ro one/few/other).
    plural: (key: PluralKey, count: number, values: Values = {}) => {
      const form = `${key}_${rules.select(count)}`;
      return fill(lookup(messages, form) === undefined ? `${key}_other` : form, { count, ...values });
    },
  });
}
