/**
 * The sandbox's two notions of time.
 *
 * - `SandboxClock` is wall-clock time plus an offset that tests move with `advance(ms)`: token
 *   expiry, rate-limit windows, Retry-After windows and Zendesk's "start_time must be at least a
 *   minute old" check all read it.
 * - `DataClock` stamps mutations, one per API. A stamp is strictly later than the previous one and
 *   than the `now` anchor (every seeded timestamp is before it), and no earlier than a floor taken
 *   from the sandbox clock: HubSpot stamps a change when it happens (so a client that checkpoints
 *   on its own clock still finds it), Zendesk a minute before (so the change lies in the past
 *   Zendesk's incremental exports read, and an `end_time` built on it is a valid `start_time`).
 *   Zendesk stamps move in whole seconds, its timestamps' precision.
 */
export interface SandboxClock {
  /** Epoch milliseconds: `Date.now()` plus everything passed to `advance`. */
  now(): number;
  /** Moves the sandbox's wall clock forward (token expiry, rate windows). */
  advance(ms: number): void;
}

export function createSandboxClock(): SandboxClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new Error(`advance: ms must be a non-negative number, got ${ms}`);
      offset += ms;
    },
  };
}

export class DataClock {
  private last: number;

  constructor(
    anchorMs: number,
    private readonly stepMs: number,
    private readonly floor: () => number,
  ) {
    this.last = Math.ceil(anchorMs / stepMs) * stepMs;
  }

  /** The next mutation's timestamp (ms). */
  next(): number {
    const floor = Math.ceil(this.floor() / this.stepMs) * this.stepMs;
    this.last = Math.max(this.last + this.stepMs, floor);
    return this.last;
  }

  /** The latest stamp handed out (the anchor before any mutation). */
  peek(): number {
    return this.last;
  }
}

/** Today at 00:00 UTC: the default anchor. */
export function startOfUtcDay(ms: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** HubSpot timestamps: ISO 8601 with milliseconds and `Z`. */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** Zendesk timestamps: ISO 8601 to the second, `Z` (`2024-05-01T10:00:00Z`). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `YYYY-MM-DD` (HubSpot date properties). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
