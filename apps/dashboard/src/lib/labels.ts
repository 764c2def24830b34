import type { AccountOwner } from '@csm/accounts/contract';
import { SIGNALS, type Signal } from './api-schemas.ts';
import type { Formatter } from './format.ts';
import type { Translate } from './i18n.ts';

/**
 * Whether a card's component key is a signal this build knows. The card contract leaves keys open so
 * that a newer server's signal shows (under its key) instead of breaking an older page.
 */
const isSignal = (key: string): key is Signal => (SIGNALS as readonly string[]).includes(key);

/** A health component's name for people ("First contact resolution", not `fcr`). */
export const signalLabel = (t: Translate, key: string) =>
  isSignal(key) ? t(`components.${key}.label`) : key;

/** What a component measures, for a tooltip (empty for a signal this build does not know). */
export const signalHelp = (t: Translate, key: string) => (isSignal(key) ? t(`components.${key}.help`) : '');

/** A component's raw value with its unit ("12 days ago", "82.5 %"). */
export function signalValue(t: Translate, f: Formatter, key: string, value: number | null): string {
  if (value === null) return f.number(null);
  if (!isSignal(key)) return f.number(value, 1);
  const digits = key === 'openUrgentTickets' || key === 'daysSinceLastTouch' ? 0 : 1;
  return t(`components.${key}.unit`, { value: f.number(value, digits) });
}

/**
 * An account's owner for people: the name, else the email, else the HubSpot owner id (the owners
 * stream has not read the owner: a token without `crm.objects.owners.read`).
 */
export function ownerLabel(t: Translate, owner: AccountOwner | null, ownerId: string | null): string {
  if (owner?.name) return owner.name;
  if (owner?.email) return owner.email;
  const id = owner?.id ?? ownerId;
  return id ? t('portfolio.owner_id', { id }) : t('portfolio.no_owner');
}
