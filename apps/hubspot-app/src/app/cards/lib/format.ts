import { intlLocale } from './i18n.ts';

export interface Formatter {
  locale: string;
  /** A plain number, at most one decimal. */
  number(value: number | null | undefined, digits?: number): string;
  /** A signed number ("+3", "-2.5"). */
  signed(value: number): string;
  /** A value on 0-100 as a percentage. */
  percent(value: number | null | undefined): string;
  /** An amount of money, without cents. */
  money(value: number | null | undefined, signed?: boolean): string;
  /** A calendar date (an ISO date or timestamp). */
  date(iso: string | null | undefined): string;
  /** "3 minutes ago", relative to `now`. */
  relative(iso: string, now: Date): string;
}

/** An em dash for "no data": never 0. */
export const NO_DATA = '—';

/**
 * Numbers, money and dates for one user locale (`context.user.locale`), in the portal's time zone.
 *
 * @example
 * createFormatter('ja-jp', 'JPY').money(120000); // '￥120,000'
 */
export function createFormatter(
  userLocale: string | undefined,
  currency = 'USD',
  timeZone = 'UTC',
): Formatter {
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
  let safeCurrency = currency;
  try {
    new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    safeCurrency = 'USD';
  }
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: safeCurrency,
    maximumFractionDigits: 0,
  });
  const signedMoneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: safeCurrency,
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
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
    money: (value, signed = false) =>
      present(value) ? (signed ? signedMoneyFormat : moneyFormat).format(value) : NO_DATA,
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
