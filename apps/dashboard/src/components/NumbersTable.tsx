import type { ReactNode } from 'react';
import { useI18n } from '../contexts/I18nProvider.tsx';

/** A chart's numbers as a table, folded under the chart ("every chart with its numbers"). */
export function NumbersTable({
  testId,
  head,
  rows,
  open = false,
}: {
  testId: string;
  head: ReactNode[];
  rows: ReactNode[][];
  open?: boolean;
}) {
  const { t } = useI18n();
  return (
    <details className="numbers" open={open}>
      <summary>{t('app.show_numbers')}</summary>
      <table data-testid={testId}>
        <thead>
          <tr>
            {head.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <tr key={i}>
              {r.map((cell, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
