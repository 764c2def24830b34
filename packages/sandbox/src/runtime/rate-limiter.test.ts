import { describe, expect, it } from 'vitest';
import type { SandboxClock } from '../clock.ts';
import { type LimitSpec, RateLimiter, retryAfterSeconds } from './rate-limiter.ts';

function manualClock(start = 1_000_000): SandboxClock & { t: number } {
  const clock = {
    t: start,
    now: () => clock.t,
    advance: (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

const rolling: LimitSpec = { key: 'a', max: 3, intervalMs: 10_000, kind: 'rolling', policy: 'R' };
const fixed: LimitSpec = { key: 'b', max: 2, intervalMs: 60_000, kind: 'fixed', policy: 'F' };

describe('RateLimiter', () => {
  it('rolls a window: a slot frees when the oldest request leaves it', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 3; i++) {
      expect(limiter.take([rolling]).allowed).toBe(true);
      clock.advance(1000);
    }
    const refused = limiter.take([rolling]);
    expect(refused).toEqual({ allowed: false, spec: rolling, retryAfterMs: 7000 });
    clock.advance(7000);
    expect(limiter.take([rolling])).toMatchObject({ allowed: true, windows: [{ remaining: 0 }] });
  });

  it('opens a fixed window with its first request and consumes nothing when refusing', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock);
    expect(limiter.take([rolling, fixed]).allowed).toBe(true);
    clock.advance(30_000);
    expect(limiter.take([rolling, fixed]).allowed).toBe(true);
    const refused = limiter.take([rolling, fixed]);
    expect(refused).toEqual({ allowed: false, spec: fixed, retryAfterMs: 30_000 });
    // The refused request did not spend the rolling window: one earlier request in it, plus this one.
    expect(limiter.take([rolling])).toMatchObject({ allowed: true, windows: [{ remaining: 1 }] });
    clock.advance(30_000);
    expect(limiter.take([fixed])).toMatchObject({
      allowed: true,
      windows: [{ remaining: 1, resetMs: 60_000 }],
    });
  });

  it('remembers announced Retry-After windows', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock);
    limiter.announce('k', 2);
    expect(limiter.blockedFor('k')).toBe(2000);
    clock.advance(2000);
    expect(limiter.blockedFor('k')).toBe(0);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });
});
