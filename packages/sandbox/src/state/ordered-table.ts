/**
 * Records kept by id and in time order (`time`, then id), the order Zendesk's exports walk.
 * Changing a record's time moves it with two binary searches, so a cursor built from
 * (time, id) stays valid across mutations: a changed record moves past every earlier cursor.
 */
export interface Timed {
  id: number;
}

export class OrderedTable<T extends Timed> {
  readonly byId = new Map<number, T>();
  /** Sorted by (time, id). */
  readonly order: T[] = [];
  /** Bumped on every change; views cache on it. */
  version = 0;

  constructor(private readonly timeOf: (row: T) => number) {}

  get size(): number {
    return this.order.length;
  }

  /** Bulk load (seeding): sorts once. */
  load(rows: T[]): void {
    for (const row of rows) {
      this.byId.set(row.id, row);
      this.order.push(row);
    }
    this.order.sort((a, b) => this.timeOf(a) - this.timeOf(b) || a.id - b.id);
    this.version += 1;
  }

  add(row: T): void {
    if (this.byId.has(row.id)) throw new Error(`duplicate id ${row.id}`);
    this.byId.set(row.id, row);
    this.order.splice(this.firstAfter(this.timeOf(row), row.id - 1), 0, row);
    this.version += 1;
  }

  /** Applies `change` to a record (which may move its time) and keeps the order. */
  update(row: T, change: (row: T) => void): void {
    const at = this.indexOf(row);
    this.order.splice(at, 1);
    change(row);
    this.order.splice(this.firstAfter(this.timeOf(row), row.id), 0, row);
    this.version += 1;
  }

  /** Index of the first record strictly after (time, id). */
  firstAfter(time: number, id: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const row = this.order[mid]!;
      const t = this.timeOf(row);
      if (t < time || (t === time && row.id <= id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first record with time >= `time`. */
  firstAtOrAfter(time: number): number {
    return this.firstAfter(time, Number.NEGATIVE_INFINITY);
  }

  timeAt(row: T): number {
    return this.timeOf(row);
  }

  private indexOf(row: T): number {
    const at = this.firstAfter(this.timeOf(row), row.id) - 1;
    if (this.order[at] !== row) throw new Error(`record ${row.id} is not in the table`);
    return at;
  }
}
