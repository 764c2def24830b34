import { sleep } from './sleep.ts';

/** What the API told us of its limit in a response. Every field is optional: headers come and go. */
export interface RateLimitReading {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  /** Milliseconds until the window resets, when the API says so. */
  resetInMs?: number;
}

export interface RateBudgetOptions {
  /** Requests allowed per interval until the API tells us otherwise. */
  max: number;
  intervalMs: number;
  /** Share of the limit we keep unused for other clients of the same account (0-1). */
  headroom?: number;
  now?: () => number;
}

/**
 * A client-side sliding-window budget: it never sends more than `max` requests in any `intervalMs`,
 * learns the real limit from the headers the API sends, and holds everything back after a 429
 * until Retry-After has passed. Shared by every request of one tenant to one API (or endpoint family).
 *
 * @example
 * const budget = new RateBudget({ max: 100, intervalMs: 10_000 });
 * await budget.take(); // resolves when a request may go out
 */
export class RateBudget {
  private max: number;
  private intervalMs: number;
  private readonly headroom: number;
  private readonly now: () => number;
  private readonly sent: number[] = [];
  private blockedUntil = 0;
  /** Total time spent waiting for the budget, for logs and metrics. */
  waitedMs = 0;

  constructor(options: RateBudgetOptions) {
    this.max = options.max;
    this.intervalMs = options.intervalMs;
    this.headroom = options.headroom ?? 0;
    this.now = options.now ?? Date.now;
  }

  /** The number of requests we allow ourselves per interval. */
  get limit(): number {
    return Math.max(1, Math.floor(this.max * (1 - this.headroom)));
  }

  get interval(): number {
    return this.intervalMs;
  }

  /** Waits until one more request fits in the window, then counts it as sent. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.waitTime();
      if (wait <= 0) {
        this.sent.push(this.now());
        return;
      }
      this.waitedMs += wait;
      await sleep(wait, signal);
    }
  }

  /** Milliseconds until the next request may go out (0 = now). */
  waitTime(): number {
    const now = this.now();
    if (this.blockedUntil > now) return this.blockedUntil - now;
    const windowStart = now - this.intervalMs;
    while (this.sent.length > 0 && this.sent[0]! <= windowStart) this.sent.shift();
    if (this.sent.length < this.limit) return 0;
    // +1 so that the oldest request has left the window when we wake up.
    return this.sent[0]! + this.intervalMs - now + 1;
  }

  /** Adapts to the limit headers of a response. */
  observe(reading: RateLimitReading): void {
    if (reading.intervalMs && reading.intervalMs > 0) this.intervalMs = reading.intervalMs;
    if (reading.max && reading.max > 0) this.max = reading.max;
    // The API counts requests we did not see (other clients, or ours from before a restart):
    // when it says none remain, wait for its reset (or a full window).
    if (reading.remaining !== undefined && reading.remaining <= 0) {
      this.blockUntil(this.now() + (reading.resetInMs ?? this.intervalMs));
    }
  }

  /** Holds every request back until `until` (epoch ms), e.g. after a 429 with Retry-After. */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}
