import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { CardComponent } from '../lib/api-schemas.ts';
import { signalHelp, signalLabel, signalValue } from '../lib/labels.ts';
import { NumbersTable } from './NumbersTable.tsx';

/** Each component's points in the score (bars) and, in the table, its value, score and weight. */
export function ComponentsChart({ components }: { components: readonly CardComponent[] }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const data = components.map((c) => ({
    label: signalLabel(t, c.key),
    points: c.contribution,
    room: c.gain,
  }));
  return (
    <figure className="chart" data-testid="components-chart">
      <ResponsiveContainer
        width="100%"
        height={Math.max(120, components.length * 34 + 30)}
        initialDimension={{ width: 640, height: 300 }}
      >
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 'dataMax']} fontSize={12} />
          <YAxis type="category" dataKey="label" width={170} fontSize={12} />
          <Tooltip formatter={(value, name) => [f.number(Number(value), 1), String(name)]} />
          <Bar
            dataKey="points"
            name={t('account.points')}
            stackId="c"
            fill="#0b5cad"
            isAnimationActive={false}
          />
          <Bar dataKey="room" name="+" stackId="c" fill="#dbe4f0" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <NumbersTable
        testId="component-numbers"
        open
        head={[
          t('account.component'),
          t('account.value'),
          t('account.score'),
          t('account.weight'),
          t('account.points'),
        ]}
        rows={components.map((c) => [
          <span key="l" title={signalHelp(t, c.key)}>
            {signalLabel(t, c.key)}
          </span>,
          signalValue(t, f, c.key, c.value),
          f.number(c.score, 0),
          f.percent(c.weight * 100),
          f.number(c.contribution, 1),
        ])}
      />
    </figure>
  );
}
