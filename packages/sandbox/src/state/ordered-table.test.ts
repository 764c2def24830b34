import { describe, expect, it } from 'vitest';
import { OrderedTable } from './ordered-table.ts';

type Row = { id: number; t: number };

describe('OrderedTable', () => {
  it('keeps (time, id) order through loads, adds and updates', () => {
    const table = new OrderedTable<Row>((r) => r.t);
    table.load([
      { id: 3, t: 10 },
      { id: 1, t: 20 },
      { id: 2, t: 10 },
    ]);
    expect(table.order.map((r) => r.id)).toEqual([2, 3, 1]);
    table.add({ id: 4, t: 15 });
    expect(table.order.map((r) => r.id)).toEqual([2, 3, 4, 1]);
    table.update(table.byId.get(2)!, (r) => {
      r.t = 30;
    });
    expect(table.order.map((r) => r.id)).toEqual([3, 4, 1, 2]);
    expect(table.firstAfter(10, 3)).toBe(1);
    expect(table.firstAtOrAfter(16)).toBe(2);
    expect(() => table.add({ id: 4, t: 1 })).toThrow(/duplicate/);
    expect(table.version).toBe(3);
  });
});
