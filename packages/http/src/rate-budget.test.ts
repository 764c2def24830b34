import { describe, expect, it } from 'vitest';
import { RateBudget } from './rate-budget.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RateBudget', () => {
  it('allows max requests per interval, then asks to wait until the oldest leaves the window', async () => {
    const c = clock();
    const budget = new RateBudget({ max: 3, intervalMs: 1000, now: c.now });
    await budget.take();
    c.advance(100);
    await budget.take();
    await budget.take();
    // Sent at t0, t0+100, t0+100: the 4th may go when t0 leaves the window (t0 + 1000 + 1).
    expect(budget.waitTime()).toBe(901);
    c.advance(901);
    expect(budget.waitTime()).toBe(0);
  });

  it('keeps headroom for other clients', () => {
    const budget = new RateBudget({ max: 100, intervalMs: 10_000, headroom: 0.1 });
    expect(budget.limit).toBe(90);
  });

  it('learns the limit and interval from headers', async () => {
    const c = clock();
    const budget = new RateBudget({ max: 1, intervalMs: 1000, now: c.now });
    budget.observe({ max: 2, intervalMs: 10_000 });
    await budget.take();
    await budget.take();
    expect(budget.limit).toBe(2);
    expect(budget.waitTime()).toBe(10_001);
  });

  it('waits for the reset when the API says nothing remains', () => {
    const c = clock();
    const budget = new RateBudget({ max: 10, intervalMs: 60_000, now: c.now });
    budget.observe({ remaining: 0, resetInMs: 5_000 });
    expect(budget.waitTime()).toBe(5_000);
  });

  it('holds everything back until a Retry-After has passed', () => {
    const c = clock();
    const budget = new RateBudget({ max: 10, intervalMs: 1000, now: c.now });
    budget.blockUntil(c.now() + 2_000);
    expect(budget.waitTime()).toBe(2_000);
    c.advance(2_000);
    expect(budget.waitTime()).toBe(0);
  });
});
