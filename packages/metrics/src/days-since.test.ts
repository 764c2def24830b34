import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysSince } from './days-since.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('daysSince', () => {
  it.each([
    ['a moment ago', '2024-03-03T08:59:59Z', 0],
    ['23 h 59 min ago', '2024-03-02T09:00:01Z', 0],
    ['exactly one day', '2024-03-02T09:00:00Z', 1],
    ['39 hours', '2024-03-01T18:00:00Z', 1],
    ['across a leap day', '2024-02-28T09:00:00Z', 4],
    ['in the future (clock skew)', '2024-03-04T09:00:00Z', 0],
    ['never', null, null],
  ] as const)('%s', (_label, at, expected) => {
    expect(daysSince(at, '2024-03-03T09:00:00Z')).toBe(expected);
  });

  it('does not move within a day: every instant of the same day-long stretch gives the same figure', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        (at, offset) => {
          const base = at + 5 * 86_400_000;
          expect(daysSince(new Date(at), new Date(base + offset))).toBe(5);
        },
      ),
    );
  });

  it('refuses bad instants naming them', () => {
    expect(() => daysSince('soon', '2024-03-03')).toThrow(inputError('at'));
    expect(() => daysSince(null, 'now')).toThrow(inputError('now'));
  });
});
