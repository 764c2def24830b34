import { intlLocale } from './i18n.ts';

/** An em dash for "no data": never 0. */
export const NO_DATA = '—';

export interface Formatter {
  locale: string;
  /** A plain number, at most `digits` decimals. */
  number(value: number | null | undefined, digits?: number): string;
  /** A value on 0-100 as a percentage. */
  percent(value: number | null | undefined): string;
  /**
   * Money without cents in `currency` (ISO 4217, the answer's `currency`: the HubSpot portal's
   * company currency); USD when the answer has none.
   */
  money(value: number | null | undefined, currency: string | null | undefined): string;
  /** A calendar date. */
  date(iso: string | null | undefined): string;
  /** "3 hours ago", relative to `now`. */
  relative(iso: string | null | undefined, now?: Date): string;
}

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** What money is shown in when an answer names no currency. */
export const FALLBACK_CURRENCY = 'USD';

/** A whole-units money format, or null for a code Intl does not accept. */
function currencyFormat(locale: string, currency: string): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  } catch {
    return null;
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * Numbers and dates in the agent's locale (`currentUser.locale`).
 *
 * @example
 * createFormatter('ja').percent(82.5); // '82.5%'
 * createFormatter('de').money(2500, 'EUR'); // '2.500 €'
 */
export function createFormatter(userLocale: string | null | undefined): Formatter {
  const locale = intlLocale(userLocale);
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let f = numbers.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numbers.set(digits, f);
    }
    return f;
  };
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: string | null | undefined) => {
    const code = currency?.toUpperCase() || FALLBACK_CURRENCY;
    let f = moneyFormats.get(code);
    if (!f) {
      f = currencyFormat(locale, code) ?? currencyFormat(locale, FALLBACK_CURRENCY)!;
      moneyFormats.set(code, f);
    }
    return f;
  };
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    number: (value, digits = 1) => (present(value) ? numberFormat(digits).format(value) : NO_DATA),
    percent: (value) => (present(value) ? percentFormat.format(value / 100) : NO_DATA),
    money: (value, currency) => (present(value) ? moneyFormat(currency).format(value) : NO_DATA),
    date: (iso) => (iso ? dateFormat.format(new Date(iso)) : NO_DATA),
    relative: (iso, now = new Date()) => {
      if (!iso) return NO_DATA;
      const diff = new Date(iso).getTime() - now.getTime();
      for (const [unit, ms] of UNITS)
        if (Math.abs(diff) >= ms) return relativeFormat.format(Math.round(diff / ms), unit);
      return relativeFormat.format(0, 'minute');
    },
  };
}
