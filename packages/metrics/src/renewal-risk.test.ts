import { describe, expect, it } from 'vitest';
import { type RenewalRiskInput, renewalRisk } from './renewal-risk.ts';

const base: RenewalRiskInput = {
  band: 'green',
  trendDirection: 'flat',
  daysToRenewal: null,
  promoters: 0,
  detractors: 0,
  responses: 0,
};

describe('renewalRisk', () => {
  it.each([
    ['no band: nothing to judge', { band: null, daysToRenewal: 5 }, null, []],
    ['green, no contract end', {}, 'low', []],
    ['red', { band: 'red' }, 'high', ['health is red']],
    ['yellow', { band: 'yellow' }, 'medium', []],
    ['ends within 30 days, not falling', { daysToRenewal: 30 }, 'medium', ['contract ends within 30 days']],
    [
      'ends within 30 days while falling',
      { daysToRenewal: 0, trendDirection: 'down' },
      'high',
      ['contract ends within 30 days', 'health fell over the last 30 days'],
    ],
    ['ends within 90 days', { daysToRenewal: 30.5 }, 'medium', ['contract ends within 90 days']],
    ['ends at day 90', { daysToRenewal: 90 }, 'medium', ['contract ends within 90 days']],
    ['ends later', { daysToRenewal: 90.01 }, 'low', []],
    [
      'already ended',
      { daysToRenewal: -1, trendDirection: 'down' },
      'low',
      ['health fell over the last 30 days'],
    ],
    [
      'falling and ending within 90 days only',
      { daysToRenewal: 60, trendDirection: 'down' },
      'medium',
      ['contract ends within 90 days', 'health fell over the last 30 days'],
    ],
    [
      'more detractors than promoters',
      { promoters: 1, detractors: 2, responses: 4 },
      'low',
      ['more detractors than promoters'],
    ],
    ['as many detractors as promoters', { promoters: 2, detractors: 2, responses: 4 }, 'low', []],
    [
      'every reason at once',
      { band: 'red', daysToRenewal: 10, trendDirection: 'down', detractors: 3, responses: 3 },
      'high',
      [
        'health is red',
        'contract ends within 30 days',
        'health fell over the last 30 days',
        'more detractors than promoters',
      ],
    ],
  ] as const)('%s', (_label, over, level, reasons) => {
    expect(renewalRisk({ ...base, ...over })).toEqual({ level, reasons });
  });

  it('refuses counts that do not add up and unknown fields', () => {
    expect(() => renewalRisk({ ...base, promoters: 2, detractors: 2, responses: 3 })).toThrow(
      expect.objectContaining({ field: 'responses' }),
    );
    expect(() => renewalRisk({ ...base, contractEnd: null } as never)).toThrow(
      expect.objectContaining({ field: 'contractEnd' }),
    );
  });
});
