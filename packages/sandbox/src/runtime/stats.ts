/** Request counters for tests and benchmarks (`sandbox.stats()`). */
export interface SandboxStats {
  requests: number;
  /** By `METHOD /api/path`, with ids in the path replaced by `{id}`. */
  byRoute: Record<string, number>;
  /** 429 answers of any cause (rate windows, announced Retry-After, injected bursts). */
  rateLimited: number;
  /** Requests that came while a Retry-After the sandbox announced to that client was still running. */
  overLimitAfter429: number;
  /** Requests answered with an injected fault (drop, 5xx, burst 429). */
  faultsInjected: number;
  /** The same, by route (keys as in `byRoute`). */
  faultsByRoute: Record<string, number>;
}

export class StatsCollector {
  private s: SandboxStats = StatsCollector.empty();

  static empty(): SandboxStats {
    return {
      requests: 0,
      byRoute: {},
      rateLimited: 0,
      overLimitAfter429: 0,
      faultsInjected: 0,
      faultsByRoute: {},
    };
  }

  request(method: string, path: string): void {
    this.s.requests += 1;
    const key = `${method} ${routeKey(path)}`;
    this.s.byRoute[key] = (this.s.byRoute[key] ?? 0) + 1;
  }

  rateLimited(afterAnnounced: boolean): void {
    this.s.rateLimited += 1;
    if (afterAnnounced) this.s.overLimitAfter429 += 1;
  }

  fault(method: string, path: string): void {
    this.s.faultsInjected += 1;
    const key = `${method} ${routeKey(path)}`;
    this.s.faultsByRoute[key] = (this.s.faultsByRoute[key] ?? 0) + 1;
  }

  snapshot(): SandboxStats {
    return { ...this.s, byRoute: { ...this.s.byRoute }, faultsByRoute: { ...this.s.faultsByRoute } };
  }

  reset(): void {
    this.s = StatsCollector.empty();
  }
}

/** `/hubspot/crm/v3/objects/companies/123` -> `/hubspot/crm/v3/objects/companies/{id}`. */
export function routeKey(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      if (segments[i - 1] === 'access-tokens') return '{token}';
      return /^\d+(\.json)?$/.test(segment) ? `{id}${segment.endsWith('.json') ? '.json' : ''}` : segment;
    })
    .join('/');
}
