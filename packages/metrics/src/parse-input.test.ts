import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MetricInputError } from './errors.ts';
import { formatPath, parseInput } from './parse-input.ts';

describe('formatPath', () => {
  it('joins indexes in brackets and keys with dots', () => {
    expect(formatPath('scores', [3])).toBe('scores[3]');
    expect(formatPath('tickets', [0, 'status'])).toBe('tickets[0].status');
    expect(formatPath('', ['atStart'])).toBe('atStart');
    expect(formatPath('options', ['scale', 'min'])).toBe('options.scale.min');
    expect(formatPath('month', [])).toBe('month');
    expect(formatPath('', [])).toBe('input');
  });
});

describe('parseInput', () => {
  it('returns parsed data or throws a MetricInputError for the first issue', () => {
    const schema = z.array(z.number().min(0));
    expect(parseInput(schema, [1, 2], 'xs')).toEqual([1, 2]);
    let caught: unknown;
    try {
      parseInput(schema, [1, -1, -2], 'xs');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MetricInputError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as MetricInputError).field).toBe('xs[1]');
    expect((caught as MetricInputError).message).toMatch(/^xs\[1\]: /);
  });
});
