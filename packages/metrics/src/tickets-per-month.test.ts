import { describe, expect, it } from 'vitest';
import { ticketsPerMonth } from './tickets-per-month.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('ticketsPerMonth', () => {
  it.each([
    [12, 90, 4],
    [0, 90, 0],
    [1, 90, 1 / 3],
    [7, 30, 7],
    [5, 365, 150 / 365],
    [3, 1, 90],
  ])('%i tickets in %i days is %d a month', (tickets, days, expected) => {
    expect(ticketsPerMonth(tickets, days)).toBe(expected);
  });

  it.each([
    [[-1, 90], 'createdInWindow'],
    [[1.5, 90], 'createdInWindow'],
    [[3, 0], 'windowDays'],
    [[3, -30], 'windowDays'],
  ] as const)('refuses %j naming %s', ([tickets, days], field) => {
    expect(() => ticketsPerMonth(tickets, days)).toThrow(inputError(field));
  });

  it('refuses a window so short the figure would be infinite', () => {
    expect(() => ticketsPerMonth(9e15, 1e-300)).toThrow(inputError('windowDays'));
  });
});
