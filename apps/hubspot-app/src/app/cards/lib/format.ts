import { intlLocale } from './i18n.ts';

export interface Formatter {
  locale: string;
  /** A plain number, at most one decimal. */
  number(value: number | null | undefined, digits?: number): string;
  /** A signed number ("+3", "-2.5"). */
  signed(value: number): string;
  /** A value on 0-100 as a percentage. */
  percent(value: number | null | undefined): string;
  /**
   * An amount of money without cents, in `currency` (ISO 4217, from the answer: the portal's
   * company currency, or a deal's own); USD when the answer has none.
   */
  money(value: number | null | undefined, currency: string | null, options?: { signed?: boolean }): string;
  /** A calendar date (an ISO date or timestamp). */
  date(iso: string | null | undefined): string;
  /** "3 minutes ago", relative to `now`. */
  relative(iso: string, now: Date): string;
}

/** An em dash for "no data": never 0. */
export const NO_DATA = '—';

/** What money is shown in when an answer names no currency. */
export const FALLBACK_CURRENCY = 'USD';

/** A whole-units money format, or null for a code Intl does not accept. */
function currencyFormat(locale: string, currency: string, signed: boolean): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
  } catch {
    return null;
  }
}

/**
 * Numbers, money and dates for one user locale (`context.user.locale`), in the portal's time zone.
 *
 * @example
 * createFormatter('ja-jp').money(120000, 'JPY'); // '￥120,000'
 */
export function createFormatter(userLocale: string | undefined, timeZone = 'UTC'): Formatter {
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
  const signedFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: string | null, signed: boolean) => {
    const code = currency?.toUpperCase() || FALLBACK_CURRENCY;
    const key = `${code}${signed ? '±' : ''}`;
    let f = moneyFormats.get(key);
    if (!f) {
      f = currencyFormat(locale, code, signed) ?? currencyFormat(locale, FALLBACK_CURRENCY, signed)!;
      moneyFormats.set(key, f);
    }
    return f;
  };
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat(locale, { timeZone });
  } catch {
    zone = 'UTC';
  }
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

  return {
    locale,
    number: (value, digits = 1) => (present(value) ? numberFormat(digits).format(value) : NO_DATA),
    signed: (value) => signedFormat.format(value),
    percent: (value) => (present(value) ? percentFormat.format(value / 100) : NO_DATA),
    money: (value, currency, options = {}) =>
      present(value) ? moneyFormat(currency, options.signed ?? false).format(value) : NO_DATA,
    date: (iso) => (iso ? dateFormat.format(new Date(iso)) : NO_DATA),
    relative: (iso, now) => {
      const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return relativeFormat.format(Math.round(seconds), 'second');
      if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
      return relativeFormat.format(Math.round(seconds / 86_400), 'day');
    },
  };
}
