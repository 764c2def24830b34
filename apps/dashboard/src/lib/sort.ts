import { useMemo, useState } from 'react';

export type SortDirection = 'asc' | 'desc';
export type SortValue = number | string | null;

/**
 * Rows sorted by one of their columns; clicking the same column flips the direction. Nulls (no
 * data) always sort last, whichever the direction.
 */
export function useSorted<T, K extends string>(
  rows: readonly T[],
  columns: Record<K, (row: T) => SortValue>,
  initial: { key: K; direction: SortDirection },
) {
  const [sort, setSort] = useState(initial);
  const sorted = useMemo(() => {
    const value = columns[sort.key];
    const sign = sort.direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
      return String(x).localeCompare(String(y)) * sign;
    });
  }, [rows, columns, sort]);
  const toggle = (key: K) =>
    setSort((s) => ({ key, direction: s.key === key && s.direction === 'asc' ? 'desc' : 'asc' }));
  return { sorted, sort, toggle };
}
