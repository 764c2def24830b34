import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { AccountPage } from '../lib/api-schemas.ts';
import { BandBadge } from './BandBadge.tsx';
import { NumbersTable } from './NumbersTable.tsx';

/** An account's daily health scores (line), with the numbers under it. */
export function HistoryChart({ history }: { history: AccountPage['history'] }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const data = history.map((h) => ({ label: f.date(h.day), score: h.score }));
  return (
    <figure className="chart" data-testid="history-chart">
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 640, height: 220 }}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} minTickGap={24} />
          <YAxis domain={[0, 100]} fontSize={12} />
          <Tooltip formatter={(value) => [f.number(Number(value), 1), t('account.health')]} />
          <Line
            type="monotone"
            dataKey="score"
            stroke="#0b5cad"
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <NumbersTable
        testId="history-numbers"
        head={[t('portfolio.day'), t('account.health'), t('portfolio.col.band')]}
        rows={[...history]
          .reverse()
          .map((h) => [f.date(h.day), f.number(h.score, 1), <BandBadge key="b" band={h.band} />])}
      />
    </figure>
  );
}
