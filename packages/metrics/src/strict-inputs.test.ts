import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as metrics from './index.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

/** Every object schema reachable from `schema`, with the path that leads to it. */
function objectSchemas(schema: z.ZodType, path: string, seen = new Set<unknown>()): [string, z.ZodType][] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const walk = (s: unknown, p: string) => objectSchemas(s as z.ZodType, p, seen);
  switch (def.type) {
    case 'object':
      return [
        [path, schema],
        ...Object.entries(def.shape as Record<string, unknown>).flatMap(([k, s]) => walk(s, `${path}.${k}`)),
      ];
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'union':
      return (def.options as unknown[]).flatMap((s, i) => walk(s, `${path}|${i}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return walk(def.innerType, path);
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    default:
      return [];
  }
}

const outputs = /ResultSchema$|^portfolioFiguresSchema$|^healthComponentSchema$/;

describe('strict inputs', () => {
  it('every exported input schema refuses unknown fields at every level', () => {
    const schemas = Object.entries(metrics).filter(
      ([name, value]) => name.endsWith('Schema') && !outputs.test(name) && value instanceof z.ZodType,
    ) as [string, z.ZodType][];
    expect(schemas.length).toBeGreaterThan(40);
    const objects = schemas.flatMap(([name, schema]) => objectSchemas(schema, name));
    expect(objects.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'healthModelSchema.components.licenseUtilization',
        'portfolioInputSchema.tickets[]',
        'clvInputSchema|2',
      ]),
    );
    const loose = objects
      .filter(([, s]) => (s._zod.def as { catchall?: z.ZodType }).catchall?._zod.def.type !== 'never')
      .map(([path]) => path);
    expect(loose).toEqual([]);
  });

  // One call per function that takes named fields, with one misspelt or extra field.
  it.each([
    [
      'healthScore signals',
      () => metrics.healthScore({ licenceUtilization: 80 } as never),
      'signals.licenceUtilization',
    ],
    [
      'healthScore model',
      () => metrics.healthScore({ csat: 80 }, { ...metrics.defaultHealthModel, version: 2 } as never),
      'model.version',
    ],
    [
      'fcr ticket',
      () => metrics.fcr([{ status: 'solved', replies: 1, reopens: 0, reopened: 0 }] as never),
      'tickets[0].reopened',
    ],
    ['fcr options', () => metrics.fcr([], { mode: 'explore' } as never), 'options.mode'],
    ['csat options', () => metrics.csat([], { cutOff: 4 } as never), 'options.cutOff'],
    [
      'ces options',
      () => metrics.ces([], { scale: { min: 1, max: 7, labels: [] } } as never),
      'options.scale.labels',
    ],
    ['churnRate', () => metrics.churnRate({ atStart: 1, lost: 0, won: 1 } as never), 'won'],
    [
      'revenueChurnRate',
      () => metrics.revenueChurnRate({ startMrr: 1, contraction: 0, churn: 0, expansion: 0 } as never),
      'expansion',
    ],
    ['grr', () => metrics.grr({ startMrr: 1, contraction: 0, churn: 0, expansion: 0 } as never), 'expansion'],
    [
      'quickRatio',
      () =>
        metrics.quickRatio({
          new: 1,
          expansion: 0,
          reactivation: 0,
          contraction: 1,
          churn: 0,
          lost: 1,
        } as never),
      'lost',
    ],
    ['arpu', () => metrics.arpu({ revenue: 1, customers: 1, users: 1 } as never), 'users'],
    ['cac', () => metrics.cac({ salesAndMarketingSpend: 1, newCustomers: 1, spend: 1 } as never), 'spend'],
    ['ltvToCac', () => metrics.ltvToCac({ ltv: 1, cac: 1, clv: 1 } as never), 'clv'],
    [
      'retentionCost',
      () => metrics.retentionCost({ retentionSpend: 1, activeCustomers: 1, period: 'm' } as never),
      'period',
    ],
    [
      'renewalRate',
      () => metrics.renewalRate({ renewed: 1, upForRenewal: 1, churned: 0 } as never),
      'churned',
    ],
    [
      'licenseUtilization',
      () => metrics.licenseUtilization({ activeUsers: 1, licensedSeats: 1, seats: 1 } as never),
      'seats',
    ],
    [
      'ticketsPerAccount',
      () => metrics.ticketsPerAccount({ tickets: 1, accounts: 1, days: 30 } as never),
      'days',
    ],
    ['healthTrend options', () => metrics.healthTrend(1, 2, { flat: 1 } as never), 'options.flat'],
    [
      'onboardingCompletion',
      () => metrics.onboardingCompletion([{ startedAt: '2024-01-01', doneAt: '2024-02-01' }] as never),
      'accounts[0].doneAt',
    ],
    [
      'mrrMovements',
      () =>
        metrics.mrrMovements(
          [{ accountId: 'a', mrr: 1, start: '2024-01-01', amount: 12 }] as never,
          '2024-01',
        ),
      'subscriptions[0].amount',
    ],
    [
      'mrrAt',
      () => metrics.mrrAt([{ mrr: 1, start: '2024-01-01', ends: null }] as never, '2024-01-01'),
      'subscriptions[0].ends',
    ],
    [
      'csatAcrossSources',
      () =>
        metrics.csatAcrossSources([
          { value: 1, rating: null, scaleMin: null, scaleMax: null, max: 5 },
        ] as never),
      'answers[0].max',
    ],
    [
      'oneTouch',
      () => metrics.oneTouch({ status: 'solved', replies: 1, reopens: 0, id: 1 } as never),
      'ticket.id',
    ],
    [
      'renewalRisk',
      () =>
        metrics.renewalRisk({
          band: 'red',
          trendDirection: null,
          daysToRenewal: null,
          promoters: 0,
          detractors: 0,
          responses: 0,
          tier: 'smb',
        } as never),
      'tier',
    ],
    [
      'portfolioFigures period',
      () =>
        metrics.portfolioFigures(
          { subscriptions: [], npsAnswers: [], csatAnswers: [], tickets: [], accounts: 0 },
          { month: '2024-01', year: 2024 } as never,
        ),
      'period.year',
    ],
  ] as const)('%s names the unknown field', (_label, call, field) => {
    expect(call).toThrow(inputError(field));
  });
});
