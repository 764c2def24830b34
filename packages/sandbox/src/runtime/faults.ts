/**
 * Injected faults, decided before a request reaches its handler so that a faulted request never
 * has a side effect (no write, no token exchange, no rate-window use).
 */
import { mulberry32, type Rng } from '../random.ts';

export interface Faults {
  /** Share of requests answered 500, 502 or 503 (0..1). */
  serverErrorRate?: number;
  /** Share of requests whose connection is dropped without an answer (0..1). */
  dropRate?: number;
  /** Delay before every answer, in ms. */
  slowMs?: number;
  /** Every `every`-th request is answered 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitBurst?: { every: number; retryAfterSeconds: number };
  /** Seed of the fault dice; defaults to the sandbox seed. */
  seed?: number;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'rate-limit'; retryAfterSeconds: number };

function rate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new Error(`faults.${name} must be between 0 and 1, got ${value}`);
  return v;
}

export class FaultInjector {
  private faults: Faults = {};
  private rng: Rng = mulberry32(0);
  private seen = 0;

  constructor(private readonly defaultSeed: number) {}

  set(faults: Faults | null | undefined): void {
    const f = faults ?? {};
    rate('serverErrorRate', f.serverErrorRate);
    rate('dropRate', f.dropRate);
    if (f.slowMs !== undefined && !(f.slowMs >= 0)) throw new Error('faults.slowMs must be >= 0');
    if (f.rateLimitBurst && !(f.rateLimitBurst.every >= 1 && f.rateLimitBurst.retryAfterSeconds >= 0))
      throw new Error('faults.rateLimitBurst needs every >= 1 and retryAfterSeconds >= 0');
    this.faults = { ...f };
    this.rng = mulberry32((f.seed ?? this.defaultSeed) ^ 0x5eed_fa17);
    this.seen = 0;
  }

  get slowMs(): number {
    return this.faults.slowMs ?? 0;
  }

  decide(): FaultDecision {
    const f = this.faults;
    this.seen += 1;
    // Always draw both dice, so one fault's rate does not shift the other's sequence.
    const dropRoll = this.rng();
    const errorRoll = this.rng();
    if (dropRoll < (f.dropRate ?? 0)) return { kind: 'drop' };
    if (errorRoll < (f.serverErrorRate ?? 0)) {
      const statuses = [500, 502, 503] as const;
      return { kind: 'server-error', status: statuses[Math.floor(this.rng() * 3)]! };
    }
    const burst = f.rateLimitBurst;
    if (burst && this.seen % Math.floor(burst.every) === 0)
      return { kind: 'rate-limit', retryAfterSeconds: burst.retryAfterSeconds };
    return { kind: 'none' };
  }
}
