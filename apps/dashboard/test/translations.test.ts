// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTranslate, MESSAGES, messageLocale } from '../src/lib/i18n.ts';

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const en = leaves(MESSAGES.en as unknown as Tree);
  it.each(['ja', 'ro'] as const)(
    '%s has every English key, no other, with the same placeholders',
    (locale) => {
      const other = leaves(MESSAGES[locale] as unknown as Tree);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, text] of en) {
        expect(placeholders(other.get(key)!), `${locale} ${key}`).toEqual(placeholders(text));
        expect(other.get(key)!.trim(), `${locale} ${key}`).not.toBe('');
      }
    },
  );

  it('has a human label and help text for every health component, in every language', () => {
    for (const locale of ['en', 'ja', 'ro'] as const) {
      const t = createTranslate(locale);
      for (const key of Object.keys(MESSAGES.en.components) as (keyof typeof MESSAGES.en.components)[]) {
        expect(t(`components.${key}.label`)).not.toBe(key);
        expect(t(`components.${key}.help`).length).toBeGreaterThan(5);
      }
    }
  });

  it('picks the language of a browser locale, English otherwise', () => {
    expect(['ja', 'ja-JP', 'ro', 'ro-RO', 'en-GB', 'pt-BR', '', null].map(messageLocale)).toEqual([
      'ja',
      'ja',
      'ro',
      'ro',
      'en',
      'en',
      'en',
      'en',
    ]);
  });
});
