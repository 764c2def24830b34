/**
 * Rate-limit windows and the Retry-After ledger.
 *
 * - Rolling windows (HubSpot: 190 or 100 per 10 s per token, 4 per second on search) count the
 *   requests accepted in the last `intervalMs`.
 * - Fixed windows (Zendesk: per minute per account) open with the first request and reset
 *   `intervalMs` later, as Zendesk's `ratelimit-reset` header counts down; calendar windows
 *   (HubSpot's daily quota) reset at each UTC day boundary.
 * - The ledger remembers each Retry-After the sandbox announced. A request from the same client
 *   arriving before it ran out is answered 429 again and counted as `overLimitAfter429`: the
 *   mark of a client that does not honour Retry-After.
 * Refused requests do not consume the window.
 */
import type { SandboxClock } from '../clock.ts';

export interface LimitSpec {
  /** Unique per client and policy, e.g. `hubspot|<token>|TEN_SECONDLY_ROLLING`. */
  key: string;
  max: number;
  intervalMs: number;
  kind: 'rolling' | 'fixed' | 'calendar';
  /** Carried back on refusal (HubSpot's `policyName`). */
  policy: string;
}

export interface WindowState {
  spec: LimitSpec;
  remaining: number;
  /** Ms until the window frees a slot (rolling) or resets (fixed). */
  resetMs: number;
}

export type TakeResult =
  | { allowed: true; windows: WindowState[] }
  | { allowed: false; spec: LimitSpec; retryAfterMs: number };

interface Window {
  hits: number[];
  head: number;
  fixedStart: number;
  fixedCount: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly announced = new Map<string, number>();

  constructor(private readonly clock: SandboxClock) {}

  private window(key: string): Window {
    let w = this.windows.get(key);
    if (!w) {
      w = { hits: [], head: 0, fixedStart: 0, fixedCount: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  private state(spec: LimitSpec, now: number): WindowState {
    const w = this.window(spec.key);
    if (spec.kind !== 'rolling') {
      const start = spec.kind === 'calendar' ? now - (now % spec.intervalMs) : w.fixedStart;
      if (spec.kind === 'calendar' ? w.fixedStart !== start : now >= start + spec.intervalMs) {
        w.fixedStart = spec.kind === 'calendar' ? start : now;
        w.fixedCount = 0;
      }
      return { spec, remaining: spec.max - w.fixedCount, resetMs: w.fixedStart + spec.intervalMs - now };
    }
    while (w.head < w.hits.length && w.hits[w.head]! <= now - spec.intervalMs) w.head += 1;
    if (w.head > 1024 && w.head * 2 > w.hits.length) {
      w.hits.splice(0, w.head);
      w.head = 0;
    }
    const used = w.hits.length - w.head;
    const oldest = w.hits[w.head];
    return {
      spec,
      remaining: spec.max - used,
      resetMs: oldest === undefined ? spec.intervalMs : oldest + spec.intervalMs - now,
    };
  }

  /** Consumes one request from every window, or none when any of them is exhausted. */
  take(specs: readonly LimitSpec[]): TakeResult {
    const now = this.clock.now();
    const states = specs.map((spec) => this.state(spec, now));
    const full = states.find((s) => s.remaining <= 0);
    if (full) return { allowed: false, spec: full.spec, retryAfterMs: Math.max(1, full.resetMs) };
    for (const s of states) {
      const w = this.window(s.spec.key);
      if (s.spec.kind !== 'rolling') w.fixedCount += 1;
      else w.hits.push(now);
      s.remaining -= 1;
    }
    return { allowed: true, windows: states };
  }

  /** Records a Retry-After told to a client (seconds, as sent). */
  announce(key: string, retryAfterSeconds: number): void {
    const until = this.clock.now() + retryAfterSeconds * 1000;
    this.announced.set(key, Math.max(until, this.announced.get(key) ?? 0));
  }

  /** Ms left of an announced Retry-After for `key`, or 0. */
  blockedFor(key: string): number {
    const until = this.announced.get(key);
    if (until === undefined) return 0;
    const left = until - this.clock.now();
    if (left <= 0) {
      this.announced.delete(key);
      return 0;
    }
    return left;
  }
}

/** Retry-After is whole seconds: fractions round up, so a client that waits it out is never early. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
