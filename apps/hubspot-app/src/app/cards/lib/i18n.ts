import type { HealthSignalKey } from './card-types.ts';
import { en, type Messages } from './messages-en.ts';
import { ja } from './messages-ja.ts';
import { ro } from './messages-ro.ts';

const byLanguage: Record<string, Messages> = { en, ja, ro };

/** The languages the cards speak; any other locale reads English. */
export const LANGUAGES = Object.keys(byLanguage);

/** HubSpot's user locale (`en-us`, `ja-jp`, `ro`, ...) as a BCP 47 tag Intl understands, else `en-US`. */
export function intlLocale(locale: string | undefined): string {
  if (!locale) return 'en-US';
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.replace('_', '-'));
    if (canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0) return canonical;
  } catch {
    // Not a well-formed tag: fall through to English.
  }
  return 'en-US';
}

/**
 * The texts for a user locale: its language when the cards have it, English otherwise.
 *
 * @example
 * messagesFor('ja-jp').retry; // '再試行'
 * messagesFor('de-de').retry; // 'Try again'
 */
export function messagesFor(locale: string | undefined): Messages {
  const language = intlLocale(locale).split('-')[0]!.toLowerCase();
  return byLanguage[language] ?? en;
}

/**
 * A health signal's name in the user's language; a signal the cards have no name for (a newer
 * backend's) shows as its key.
 *
 * @example
 * signalLabel(messagesFor('ja-jp'), 'fcr'); // '一次解決率'
 */
export function signalLabel(t: Messages, key: string): string {
  return Object.hasOwn(t.signal, key) ? t.signal[key as HealthSignalKey] : key;
}
