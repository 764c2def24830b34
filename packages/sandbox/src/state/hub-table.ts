import type { HubRow, HubSpotObjectType } from './model.ts';

/**
 * The records of one HubSpot object type, in id order (the order of the list endpoint's `after`
 * paging). New records get ids above every existing one, so paging stays stable while they arrive.
 */
export class HubTable {
  readonly rows: HubRow[] = [];
  readonly byId = new Map<number, HubRow>();
  /** Bumped on every change; views and search caches key on it. */
  version = 0;
  private nextId: number;

  constructor(
    readonly type: HubSpotObjectType,
    /** `hs_lastmodifieddate`, or `lastmodifieddate` for contacts. */
    readonly modifiedProp: string,
    firstId: number,
  ) {
    this.nextId = firstId;
  }

  load(rows: HubRow[]): void {
    for (const row of rows) {
      this.byId.set(row.id, row);
      this.rows.push(row);
      if (row.id >= this.nextId) this.nextId = row.id + 1;
    }
    this.rows.sort((a, b) => a.id - b.id);
    this.version += 1;
  }

  /** A fresh id above every existing one (with a small gap, as real ids have). */
  allocateId(): number {
    const id = this.nextId + 1;
    this.nextId = id + 1;
    return id;
  }

  add(row: HubRow): void {
    if (this.byId.has(row.id)) throw new Error(`${this.type}: duplicate id ${row.id}`);
    const last = this.rows.at(-1);
    if (last && last.id > row.id) throw new Error(`${this.type}: new ids must grow`);
    this.rows.push(row);
    this.byId.set(row.id, row);
    this.version += 1;
  }

  /** Deleted (archived): no longer listed, searched or read. */
  remove(row: HubRow): void {
    this.rows.splice(this.indexAfter(row.id) - 1, 1);
    this.byId.delete(row.id);
    this.version += 1;
  }

  touch(row: HubRow, change: (row: HubRow) => void): void {
    change(row);
    this.version += 1;
  }

  /** Index of the first record with an id greater than `id`. */
  indexAfter(id: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.id <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
