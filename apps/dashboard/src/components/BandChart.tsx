import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { Bands } from '../lib/api-schemas.ts';
import { BAND_COLOURS } from './BandBadge.tsx';
import { NumbersTable } from './NumbersTable.tsx';

const KEYS = ['red', 'yellow', 'green', 'none'] as const;

/** Accounts per band at each month end (stacked bars), with the numbers under it. */
export function BandChart({ bands }: { bands: Bands }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const data = bands.series.map((s) => ({ ...s, label: f.date(s.day) }));
  return (
    <figure className="chart" data-testid="band-chart">
      <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 640, height: 260 }}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip formatter={(value, name) => [f.number(Number(value), 0), String(name)]} />
          <Legend />
          {KEYS.map((k) => (
            <Bar
              key={k}
              dataKey={k}
              name={t(`bands.${k}`)}
              stackId="bands"
              fill={BAND_COLOURS[k]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <NumbersTable
        testId="band-numbers"
        head={[t('portfolio.day'), ...KEYS.map((k) => t(`bands.${k}`))]}
        rows={bands.series.map((s) => [f.date(s.day), ...KEYS.map((k) => f.number(s[k], 0))])}
      />
    </figure>
  );
}
