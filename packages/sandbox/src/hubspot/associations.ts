/**
 * Associations between HubSpot records. Stored one way (contacts/deals/tickets/tasks -> companies,
 * tickets/feedback submissions/tasks -> contacts); the other direction comes from a reverse index
 * built on demand. A primary association is served twice, as HubSpot does: once with the primary
 * type (`deal_to_company`, v4 `typeId` 5, label `Primary`) and once unlabeled
 * (`deal_to_company_unlabeled`, 341).
 * https://developers.hubspot.com/docs/api/crm/associations/associations-v4
 */
import type { HubRow, HubSpotObjectType } from '../state/model.ts';
import type { HubSpotState } from '../state/state.ts';
import { singular } from './property-catalog.ts';

export interface LinkTo {
  id: number;
  primary: boolean;
}

/**
 * v4 association type ids, HubSpot-defined, from HubSpot's association type table; the feedback
 * submission <-> contact pair is not in that table, so the sandbox picked 1097 / 1098.
 */
const TYPE_IDS: Record<string, { primary?: number; unlabeled: number }> = {
  'contacts>companies': { primary: 1, unlabeled: 279 },
  'companies>contacts': { primary: 2, unlabeled: 280 },
  'deals>companies': { primary: 5, unlabeled: 341 },
  'companies>deals': { primary: 6, unlabeled: 342 },
  'tickets>companies': { primary: 339, unlabeled: 26 },
  'companies>tickets': { primary: 340, unlabeled: 25 },
  'tickets>contacts': { unlabeled: 16 },
  'contacts>tickets': { unlabeled: 15 },
  'feedback_submissions>contacts': { unlabeled: 1097 },
  'contacts>feedback_submissions': { unlabeled: 1098 },
  'tasks>companies': { unlabeled: 192 },
  'companies>tasks': { unlabeled: 191 },
  'tasks>contacts': { unlabeled: 204 },
  'contacts>tasks': { unlabeled: 203 },
  'tasks>deals': { unlabeled: 216 },
  'deals>tasks': { unlabeled: 215 },
  'tasks>tickets': { unlabeled: 230 },
  'tickets>tasks': { unlabeled: 229 },
};

export function typeIds(
  from: HubSpotObjectType,
  to: HubSpotObjectType,
): { primary?: number; unlabeled: number } | undefined {
  return TYPE_IDS[`${from}>${to}`];
}

/** Pairs whose links live on the `from` record. */
export function storedForward(from: HubSpotObjectType, to: HubSpotObjectType): boolean {
  if (from === to) return false;
  if (from === 'tasks') return true;
  return from !== 'companies' && (to === 'companies' || (to === 'contacts' && from !== 'contacts'));
}

const reverseCache = new WeakMap<
  HubSpotState,
  Map<string, { version: number; index: Map<number, LinkTo[]> }>
>();

function reverseIndex(
  state: HubSpotState,
  from: HubSpotObjectType,
  to: HubSpotObjectType,
): Map<number, LinkTo[]> {
  let caches = reverseCache.get(state);
  if (!caches) {
    caches = new Map();
    reverseCache.set(state, caches);
  }
  const source = state.tables[to];
  const key = `${from}<${to}`;
  const cached = caches.get(key);
  if (cached && cached.version === source.version) return cached.index;
  const index = new Map<number, LinkTo[]>();
  for (const row of source.rows) {
    const link = row.links?.[from];
    if (!link) continue;
    link.ids.forEach((id, k) => {
      let list = index.get(id);
      if (!list) {
        list = [];
        index.set(id, list);
      }
      list.push({ id: row.id, primary: link.primary && k === 0 });
    });
  }
  caches.set(key, { version: source.version, index });
  return index;
}

/** The records of type `to` associated with `row` (of type `from`). */
export function linksOf(
  state: HubSpotState,
  from: HubSpotObjectType,
  row: HubRow,
  to: HubSpotObjectType,
): LinkTo[] {
  if (storedForward(from, to)) {
    const link = row.links?.[to];
    return link ? link.ids.map((id, k) => ({ id, primary: link.primary && k === 0 })) : [];
  }
  if (storedForward(to, from)) return reverseIndex(state, from, to).get(row.id) ?? [];
  return [];
}

/** v3 inline association entries (`?associations=companies`). */
export function inlineEntries(
  from: HubSpotObjectType,
  to: HubSpotObjectType,
  links: LinkTo[],
): { id: string; type: string }[] {
  const base = `${singular(from)}_to_${singular(to)}`;
  const hasPrimary = typeIds(from, to)?.primary !== undefined;
  const out: { id: string; type: string }[] = [];
  for (const link of links) {
    const id = String(link.id);
    if (!hasPrimary) out.push({ id, type: base });
    else {
      if (link.primary) out.push({ id, type: base });
      out.push({ id, type: `${base}_unlabeled` });
    }
  }
  return out;
}

export interface V4AssociationType {
  category: 'HUBSPOT_DEFINED';
  typeId: number;
  label: string | null;
}

/** v4 `associationTypes` of one link. */
export function v4Types(from: HubSpotObjectType, to: HubSpotObjectType, link: LinkTo): V4AssociationType[] {
  const ids = typeIds(from, to) ?? { unlabeled: 0 };
  const types: V4AssociationType[] = [{ category: 'HUBSPOT_DEFINED', typeId: ids.unlabeled, label: null }];
  if (link.primary && ids.primary !== undefined)
    types.push({ category: 'HUBSPOT_DEFINED', typeId: ids.primary, label: 'Primary' });
  return types;
}

/** The object type a v4 `associationTypeId` from `from` points at (for creates with associations). */
export function targetOfTypeId(from: HubSpotObjectType, typeId: number): HubSpotObjectType | undefined {
  for (const [pair, ids] of Object.entries(TYPE_IDS)) {
    const [f, t] = pair.split('>') as [HubSpotObjectType, HubSpotObjectType];
    if (f === from && (ids.unlabeled === typeId || ids.primary === typeId)) return t;
  }
  return undefined;
}
