import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { Figures } from '../lib/api-schemas.ts';
import type { Formatter } from '../lib/format.ts';
import { NumbersTable } from './NumbersTable.tsx';

const COLOURS = {
  new: '#2e7d32',
  expansion: '#66bb6a',
  reactivation: '#0b5cad',
  contraction: '#f9a825',
  churn: '#c62828',
  endMrr: '#1f2933',
  nrr: '#0b5cad',
  grr: '#2e7d32',
  customerChurnRate: '#c62828',
  revenueChurnRate: '#f9a825',
  nps: '#6a1b9a',
  csat: '#00838f',
} as const;

const size = { width: 640, height: 280 };

/**
 * MRR movements per month: gains up, losses down (drawn below the axis; the table lists every
 * movement as the API gives it, a positive amount), and the MRR at each month's end.
 */
export function MovementsChart({ months, f }: { months: Figures[]; f: Formatter }) {
  const { t } = useI18n();
  const data = months.map((m) => ({ label: f.month(m.period.label), ...m.movements }));
  const gains = ['new', 'expansion', 'reactivation'] as const;
  const losses = ['contraction', 'churn'] as const;
  return (
    <figure className="chart" data-testid="movements-chart">
      <ResponsiveContainer width="100%" height={300} initialDimension={size}>
        <ComposedChart data={data} stackOffset="sign" margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis yAxisId="moves" fontSize={12} tickFormatter={(v: number) => f.money(v)} width={80} />
          <YAxis
            yAxisId="mrr"
            orientation="right"
            fontSize={12}
            tickFormatter={(v: number) => f.money(v)}
            width={80}
          />
          <Tooltip formatter={(value, name) => [f.money(Math.abs(Number(value))), String(name)]} />
          <Legend />
          <ReferenceLine yAxisId="moves" y={0} stroke="#9aa5b1" />
          {gains.map((k) => (
            <Bar
              key={k}
              yAxisId="moves"
              dataKey={k}
              name={t(`portfolio.movement.${k}`)}
              stackId="m"
              fill={COLOURS[k]}
              isAnimationActive={false}
            />
          ))}
          {losses.map((k) => (
            <Bar
              key={k}
              yAxisId="moves"
              dataKey={(d: Figures['movements']) => -d[k]}
              name={t(`portfolio.movement.${k}`)}
              stackId="m"
              fill={COLOURS[k]}
              isAnimationActive={false}
            />
          ))}
          <Line
            yAxisId="mrr"
            type="monotone"
            dataKey="endMrr"
            name={t('portfolio.movement.endMrr')}
            stroke={COLOURS.endMrr}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <NumbersTable
        testId="movements-numbers"
        head={[
          t('portfolio.month'),
          t('portfolio.movement.startMrr'),
          ...[...gains, ...losses].map((k) => t(`portfolio.movement.${k}`)),
          t('portfolio.movement.endMrr'),
        ]}
        rows={months.map((m) => [
          f.month(m.period.label),
          f.money(m.movements.startMrr),
          ...[...gains, ...losses].map((k) => f.money(m.movements[k])),
          f.money(m.movements.endMrr),
        ])}
      />
    </figure>
  );
}

/** NRR, GRR, customer and revenue churn per month (percentages as the API gives them). */
export function RetentionChart({ months, f }: { months: Figures[]; f: Formatter }) {
  const { t } = useI18n();
  const keys = ['nrr', 'grr', 'customerChurnRate', 'revenueChurnRate'] as const;
  const data = months.map((m) => ({
    label: f.month(m.period.label),
    ...Object.fromEntries(keys.map((k) => [k, m[k]])),
  }));
  return (
    <figure className="chart" data-testid="retention-chart">
      <ResponsiveContainer width="100%" height={260} initialDimension={size}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} tickFormatter={(v: number) => f.percent(v)} />
          <Tooltip formatter={(value, name) => [f.percent(Number(value)), String(name)]} />
          <Legend />
          {keys.map((k) => (
            <Line
              key={k}
              type="monotone"
              dataKey={k}
              name={t(`portfolio.figure.${k}`)}
              stroke={COLOURS[k]}
              connectNulls
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <NumbersTable
        testId="retention-numbers"
        head={[t('portfolio.month'), ...keys.map((k) => t(`portfolio.figure.${k}`))]}
        rows={months.map((m) => [f.month(m.period.label), ...keys.map((k) => f.percent(m[k]))])}
      />
    </figure>
  );
}

/** NPS and CSAT of the answers given each month, with how many answers. */
export function SurveyChart({ months, f }: { months: Figures[]; f: Formatter }) {
  const { t } = useI18n();
  const data = months.map((m) => ({ label: f.month(m.period.label), nps: m.nps.score, csat: m.csat.score }));
  return (
    <figure className="chart" data-testid="survey-chart">
      <ResponsiveContainer width="100%" height={260} initialDimension={size}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis domain={[-100, 100]} fontSize={12} />
          <Tooltip formatter={(value, name) => [f.number(Number(value), 1), String(name)]} />
          <Legend />
          <ReferenceLine y={0} stroke="#9aa5b1" />
          <Line
            type="monotone"
            dataKey="nps"
            name={t('portfolio.figure.nps')}
            stroke={COLOURS.nps}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="csat"
            name={t('portfolio.figure.csat')}
            stroke={COLOURS.csat}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <NumbersTable
        testId="survey-numbers"
        head={[
          t('portfolio.month'),
          t('portfolio.figure.nps'),
          t('portfolio.nps_answers'),
          t('portfolio.figure.csat'),
          t('portfolio.csat_answers'),
        ]}
        rows={months.map((m) => [
          f.month(m.period.label),
          f.number(m.nps.score, 1),
          f.number(m.nps.responses, 0),
          f.percent(m.csat.score),
          f.number(m.csat.responses, 0),
        ])}
      />
    </figure>
  );
}
