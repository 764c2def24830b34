import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowStart, withinWindow } from './within-window.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });
const now = '2024-04-01T12:00:00Z';

describe('withinWindow', () => {
  it.each([
    ['the first instant', '2024-01-02T12:00:00Z', 90, true],
    ['a millisecond before the window', '2024-01-02T11:59:59.999Z', 90, false],
    ['a millisecond before now', '2024-04-01T11:59:59.999Z', 90, true],
    ['now itself (excluded)', now, 90, false],
    ['after now', '2024-05-01', 90, false],
    ['an empty window', '2024-04-01T11:00:00Z', 0, false],
    ['a 365-day window over a leap day', '2023-04-02T12:00:00Z', 365, true],
    ['a half-day window', '2024-04-01T00:00:00Z', 0.5, true],
  ] as const)('%s', (_label, at, days, expected) => {
    expect(withinWindow(at, now, days)).toBe(expected);
  });

  it('takes Dates as well as ISO strings', () => {
    expect(withinWindow(new Date('2024-03-31T00:00:00Z'), new Date(now), 1)).toBe(false);
    expect(withinWindow(new Date('2024-03-31T12:00:00Z'), new Date(now), 1)).toBe(true);
  });

  it.each([
    [['yesterday', now, 90], 'at'],
    [['2024-01-01', 'later', 90], 'now'],
    [['2024-01-01', now, -1], 'days'],
    [['2024-01-01', now, Number.NaN], 'days'],
  ] as const)('refuses %j naming %s', (args, field) => {
    expect(() => withinWindow(...(args as unknown as [string, string, number]))).toThrow(inputError(field));
  });

  it('agrees with windowStart: inside exactly when windowStart <= at < now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 0, max: 400 }),
        (at, end, days) => {
          const start = windowStart(new Date(end), days).getTime();
          expect(withinWindow(new Date(at), new Date(end), days)).toBe(at >= start && at < end);
          expect(start).toBe(end - days * 86_400_000);
        },
      ),
    );
  });
});

describe('windowStart', () => {
  it('is now minus the days as elapsed 24-hour days', () => {
    expect(windowStart(now, 90).toISOString()).toBe('2024-01-02T12:00:00.000Z');
    expect(windowStart('2024-03-31T00:30:00Z', 1).toISOString()).toBe('2024-03-30T00:30:00.000Z');
  });
});
