// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTranslate, MESSAGES, messageLocale } from '../src/app/lib/i18n.ts';

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

/** `key_one`, `key_few`, `key_other`, ...: the plural forms of `key` (Intl's plural categories). */
const PLURAL_FORM = /_(zero|one|two|few|many|other)$/;
/** A language's texts: plain keys, and counted keys with the forms they give. */
function keysOf(texts: Map<string, string>) {
  const plain: string[] = [];
  const plural = new Map<string, string[]>();
  for (const key of texts.keys()) {
    const form = PLURAL_FORM.exec(key);
    if (!form) plain.push(key);
    else {
      const base = key.slice(0, form.index);
      plural.set(base, [...(plural.get(base) ?? []), form[1]!].sort());
    }
  }
  return { plain: plain.sort(), plural };
}

describe('translations', () => {
  const en = leaves(MESSAGES.en as unknown as Tree);
  const enKeys = keysOf(en);
  const reference = (key: string) => en.get(key) ?? en.get(key.replace(PLURAL_FORM, '_other'))!;

  it.each(['en', 'ja', 'ro'] as const)(
    '%s has every English key, no other, with the same placeholders; counted texts in the forms of its plural rules',
    (locale) => {
      const texts = leaves(MESSAGES[locale] as unknown as Tree);
      const keys = keysOf(texts);
      expect(keys.plain).toEqual(enKeys.plain);
      expect([...keys.plural.keys()].sort()).toEqual([...enKeys.plural.keys()].sort());
      const forms = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      for (const [base, given] of keys.plural) expect(given, `${locale} ${base}`).toEqual(forms);
      for (const [key, text] of texts) {
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(reference(key)));
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    },
  );

  it.each([
    { locale: 'en', counts: [1, 2, 20], says: ['1 answer', '2 answers', '20 answers'] },
    { locale: 'ja', counts: [1, 2, 20], says: ['回答 1 件', '回答 2 件', '回答 20 件'] },
    {
      locale: 'ro',
      counts: [1, 2, 19, 20, 101],
      says: ['1 răspuns', '2 răspunsuri', '19 răspunsuri', '20 de răspunsuri', '101 răspunsuri'],
    },
  ])('counts in $locale with its plural forms', ({ locale, counts, says }) => {
    const t = createTranslate(locale);
    expect(counts.map((n) => t.plural('sample.answers', n))).toEqual(says);
  });

  it('picks the language of a Zendesk locale, English otherwise', () => {
    expect(['ja', 'ja-JP', 'ro', 'ro-RO', 'en-US', 'pt-BR', 'de', '', null].map(messageLocale)).toEqual([
      'ja',
      'ja',
      'ro',
      'ro',
      'en',
      'en',
      'en',
      'en',
      'en',
    ]);
  });

  it('fills placeholders and never shows a raw key for a known one', () => {
    expect(createTranslate('ro').plural('sample.window', 365, { days: '365' })).toBe('ultimele 365 de zile');
    expect(createTranslate('en').plural('sample.window', 90, { days: '90' })).toBe('last 90 days');
    expect(createTranslate('ja')('fcr.of_solved', { resolved: 1, solved: 2 })).toBe(
      '解決済みチケット 2 件中 1 件',
    );
  });
});
