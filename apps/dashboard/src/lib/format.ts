import { intlLocale } from './i18n.ts';

/** An em dash for "no data": never 0. */
export const NO_DATA = '—';

export interface Formatter {
  locale: string;
  /** A plain number, at most `digits` decimals. */
  number(value: number | null | undefined, digits?: number): string;
  /** A signed number (+3.2 / −1.5), at most `digits` decimals. */
  signed(value: number | null | undefined, digits?: number): string;
  /** A value on 0-100 as a percentage. */
  percent(value: number | null | undefined): string;
  /** Money in the portal's currency (USD when the answer names none), without cents. */
  money(value: number | null | undefined): string;
  /** A calendar date (UTC day). */
  date(iso: string | null | undefined): string;
  /** A month ('2026-05' or a date in it) as "May 2026". */
  month(isoOrMonth: string | null | undefined): string;
  /** A date and time. */
  dateTime(iso: string | null | undefined): string;
  /** "3 hours ago", relative to `now`. */
  relative(iso: string | null | undefined, now?: Date): string;
}

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** A currency code Intl accepts, else USD (an unknown or missing code must not break a page). */
function currencyOrUsd(locale: string, currency: string | null | undefined): string {
  if (!currency) return 'USD';
  try {
    new Intl.NumberFormat(locale, { style: 'currency', currency });
    return currency.toUpperCase();
  } catch {
    return 'USD';
  }
}

/**
 * Numbers, money and dates in the user's locale.
 *
 * @example
 * createFormatter('ja', 'JPY').money(120000); // '￥120,000'
 */
export function createFormatter(userLocale: string | null | undefined, currency?: string | null): Formatter {
  const locale = intlLocale(userLocale);
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (digits: number, signed = false) => {
    const key = `${digits}:${signed}`;
    let f = numbers.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        maximumFractionDigits: digits,
        ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
      });
      numbers.set(key, f);
    }
    return f;
  };
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currencyOrUsd(locale, currency),
    maximumFractionDigits: 0,
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    number: (value, digits = 1) => (present(value) ? numberFormat(digits).format(value) : NO_DATA),
    signed: (value, digits = 1) => (present(value) ? numberFormat(digits, true).format(value) : NO_DATA),
    percent: (value) => (present(value) ? percentFormat.format(value / 100) : NO_DATA),
    money: (value) => (present(value) ? moneyFormat.format(value) : NO_DATA),
    date: (iso) =>
      iso ? dateFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : NO_DATA,
    month: (value) => (value ? monthFormat.format(new Date(`${value.slice(0, 7)}-01T00:00:00Z`)) : NO_DATA),
    dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : NO_DATA),
    relative: (iso, now = new Date()) => {
      if (!iso) return NO_DATA;
      const diff = new Date(iso).getTime() - now.getTime();
      for (const [unit, ms] of UNITS)
        if (Math.abs(diff) >= ms) return relativeFormat.format(Math.round(diff / ms), unit);
      return relativeFormat.format(0, 'minute');
    },
  };
}
