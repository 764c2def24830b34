import type { SortDirection } from '../lib/sort.ts';

/** A column header that sorts its table; `aria-sort` tells assistive technology (and tests) how. */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  onSort,
  testId,
}: {
  column: K;
  label: string;
  sort: { key: K; direction: SortDirection };
  onSort: (key: K) => void;
  testId?: string;
}) {
  const active = sort.key === column;
  return (
    <th aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort(column)} data-testid={testId}>
        {label}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
