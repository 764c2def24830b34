import type { Signal } from './api-schemas.ts';
import type { Formatter } from './format.ts';
import type { Translate } from './i18n.ts';

/** A health component's name for people ("First contact resolution", not `fcr`). */
export const signalLabel = (t: Translate, key: Signal) => t(`components.${key}.label`);

/** A component's raw value with its unit ("12 days ago", "82.5 %"). */
export function signalValue(t: Translate, f: Formatter, key: Signal, value: number | null): string {
  if (value === null) return f.number(null);
  const digits = key === 'openUrgentTickets' || key === 'daysSinceLastTouch' ? 0 : 1;
  return t(`components.${key}.unit`, { value: f.number(value, digits) });
}
