import { describe, expect, it } from 'vitest';
import { instantSchema, monthBounds, parseInstant, parseIsoInstant } from './iso-instant.ts';
import { parseInput } from './parse-input.ts';

describe('parseIsoInstant', () => {
  it('reads dates and date-times in UTC unless an offset is given', () => {
    expect(parseIsoInstant('2024-04-01')).toBe(Date.UTC(2024, 3, 1));
    expect(parseIsoInstant('2024-04-01T10:20')).toBe(Date.UTC(2024, 3, 1, 10, 20));
    expect(parseIsoInstant('2024-04-01T10:20:30.5Z')).toBe(Date.UTC(2024, 3, 1, 10, 20, 30, 500));
    expect(parseIsoInstant('2024-04-01T02:00:00+02:00')).toBe(Date.UTC(2024, 3, 1));
    expect(parseIsoInstant('2024-04-01T00:00:00-0530')).toBe(Date.UTC(2024, 3, 1, 5, 30));
    // Two-digit years stay as written (Date.UTC alone would read 99 as 1999).
    expect(new Date(parseIsoInstant('0099-01-01')!).toISOString()).toBe('0099-01-01T00:00:00.000Z');
  });

  it('rejects impossible or non-ISO dates', () => {
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-04-01T24:00',
      '04/01/2024',
      '2024-04-01T10:00+25:00',
      '',
    ]) {
      expect(parseIsoInstant(bad)).toBeNull();
    }
    expect(parseIsoInstant('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('monthBounds', () => {
  it('spans the month in UTC, across a year end', () => {
    expect(monthBounds('2024-12')).toEqual({ start: Date.UTC(2024, 11, 1), end: Date.UTC(2025, 0, 1) });
    expect(monthBounds('2024-02')).toEqual({ start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1) });
  });
});

describe('parseInstant', () => {
  it('reads what the instant schema reads, and refuses what it refuses with the same error', () => {
    const inputs: unknown[] = [
      new Date('2024-04-01T12:00:00Z'),
      '2024-04-01',
      '2024-04-01T02:00:00+02:00',
      new Date(Number.NaN),
      '2023-02-29',
      'yesterday',
      1711929600000,
      null,
    ];
    for (const value of inputs) {
      const viaSchema = attempt(() => parseInput(instantSchema, value, 'at'));
      expect(attempt(() => parseInstant(value, 'at'))).toEqual(viaSchema);
    }
    expect(parseInstant(new Date('2024-04-01T00:00:00Z'), 'now')).toBe(Date.UTC(2024, 3, 1));
    expect(() => parseInstant(new Date(Number.NaN), 'now')).toThrow(
      expect.objectContaining({ name: 'MetricInputError', field: 'now' }),
    );
  });
});

const attempt = (fn: () => number) => {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};
