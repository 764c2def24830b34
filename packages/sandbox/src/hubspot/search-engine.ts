/**
 * HubSpot CRM search semantics over the sandbox's rows: filters inside a group are ANDed, groups
 * are ORed; dates compare as instants (filter values in epoch milliseconds or ISO 8601), numbers
 * numerically, strings case-insensitively. Results are sorted by the requested property (ties by
 * id) and cached per query until the table changes, so paging a query does not rescan it.
 * https://developers.hubspot.com/docs/api/crm/search
 */
import type { HubTable } from '../state/hub-table.ts';
import type { HubRow } from '../state/model.ts';
import type { PropertyCatalog, PropertyType } from './property-catalog.ts';
import { propertyValue } from './shapes.ts';

export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string | undefined;
  highValue?: string | undefined;
  values?: string[] | undefined;
}

export interface SearchQuery {
  filterGroups: { filters: Filter[] }[];
  sorts: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  query?: string | undefined;
}

const TEXT_FIELDS: Record<string, readonly string[]> = {
  companies: ['name', 'domain'],
  contacts: ['email', 'firstname', 'lastname'],
  deals: ['dealname'],
  tickets: ['subject', 'content'],
  feedback_submissions: ['hs_content'],
  tasks: ['hs_task_subject', 'hs_task_body'],
};

/** Epoch ms from `1714557600000`, `2024-05-01T10:00:00Z` or `2024-05-01`. */
export function toInstant(value: string): number {
  return /^-?\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
}

type Comparable = number | string;

function comparable(kind: PropertyType, raw: string): Comparable {
  if (kind === 'date' || kind === 'datetime') return toInstant(raw);
  if (kind === 'number') return Number(raw);
  return raw.toLowerCase();
}

function rowComparable(table: HubTable, row: HubRow, name: string, kind: PropertyType): Comparable | null {
  if (name === table.modifiedProp) return row.updated;
  if (name === 'createdate') return row.created;
  if (name === 'hs_object_id') return row.id;
  const raw = propertyValue(table, row, name);
  if (raw === null || raw === undefined || raw === '') return null;
  return comparable(kind, raw);
}

function compile(table: HubTable, catalog: PropertyCatalog, filter: Filter): (row: HubRow) => boolean {
  const kind = catalog.get(table.type, filter.propertyName)?.type ?? 'string';
  const name = filter.propertyName;
  const v = filter.value === undefined ? undefined : comparable(kind, filter.value);
  const hi = filter.highValue === undefined ? undefined : comparable(kind, filter.highValue);
  const set = new Set((filter.values ?? []).map((x) => comparable(kind, x)));
  const tokenOf = (x: string) =>
    new RegExp(
      `(^|\\W)${x
        .toLowerCase()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')}(\\W|$)`,
    );
  const token = filter.value === undefined ? undefined : tokenOf(filter.value);
  return (row) => {
    const x = rowComparable(table, row, name, kind);
    switch (filter.operator) {
      case 'HAS_PROPERTY':
        return x !== null;
      case 'NOT_HAS_PROPERTY':
        return x === null;
      case 'NEQ':
        return x !== v;
      case 'NOT_IN':
        return x === null || !set.has(x);
      case 'NOT_CONTAINS_TOKEN':
        return x === null || !token!.test(String(x));
      default:
        break;
    }
    if (x === null) return false;
    switch (filter.operator) {
      case 'EQ':
        return x === v;
      case 'LT':
        return x < v!;
      case 'LTE':
        return x <= v!;
      case 'GT':
        return x > v!;
      case 'GTE':
        return x >= v!;
      case 'BETWEEN':
        return x >= v! && x <= hi!;
      case 'IN':
        return set.has(x);
      case 'CONTAINS_TOKEN':
        return token!.test(String(x));
      default:
        return false;
    }
  };
}

const caches = new WeakMap<HubTable, { version: number; results: Map<string, HubRow[]> }>();

/** Every matching row, sorted; cached until the table changes. */
export function search(table: HubTable, catalog: PropertyCatalog, query: SearchQuery): HubRow[] {
  const key = JSON.stringify(query);
  let cache = caches.get(table);
  if (!cache || cache.version !== table.version) {
    cache = { version: table.version, results: new Map() };
    caches.set(table, cache);
  }
  const hit = cache.results.get(key);
  if (hit) return hit;

  const groups = query.filterGroups.map((g) => g.filters.map((f) => compile(table, catalog, f)));
  const text = query.query?.trim().toLowerCase();
  const fields = TEXT_FIELDS[table.type] ?? [];
  const matches = table.rows.filter((row) => {
    if (groups.length && !groups.some((filters) => filters.every((test) => test(row)))) return false;
    if (text) return fields.some((f) => row.p[f]?.toLowerCase().includes(text));
    return true;
  });
  const sorts = query.sorts.map((s) => {
    const kind = catalog.get(table.type, s.propertyName)?.type ?? 'string';
    return { name: s.propertyName, kind, sign: s.direction === 'DESCENDING' ? -1 : 1 };
  });
  if (sorts.length) {
    const keyed = matches.map((row) => ({
      row,
      keys: sorts.map((s) => rowComparable(table, row, s.name, s.kind)),
    }));
    keyed.sort((a, b) => {
      for (let i = 0; i < sorts.length; i++) {
        const x = a.keys[i];
        const y = b.keys[i];
        if (x === y) continue;
        // HubSpot puts records without a value last, whatever the direction.
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * sorts[i]!.sign;
      }
      return a.row.id - b.row.id;
    });
    for (let i = 0; i < keyed.length; i++) matches[i] = keyed[i]!.row;
  }
  if (cache.results.size >= 16) cache.results.delete(cache.results.keys().next().value!);
  cache.results.set(key, matches);
  return matches;
}
