import type { HealthSignalKey } from './health-model.ts';
import type { HealthComponent, HealthScoreResult } from './health-score.ts';

/** A health component with the points the score would gain if it scored 100. */
export type HealthLever = HealthComponent & { gain: number };

/**
 * What would raise a health score most: each component's gain, (100 - score) x weight share, and
 * the component with the largest gain (null when every component already scores 100). Ties go to
 * the component listed first in the model.
 *
 * @example
 * const levers = healthLevers(healthScore({ csat: 63, fcr: 80 }));
 * levers.biggestLever; // 'csat'
 */
export function healthLevers(result: Pick<HealthScoreResult, 'components'>): {
  components: HealthLever[];
  biggestLever: HealthSignalKey | null;
} {
  // Object.assign, not `{ ...c, gain }`: Node 20's V8 builds a spread followed by more members on
  // a slow path, microseconds an object, and this runs for every component of every card.
  const components = result.components.map((c) => Object.assign({}, c, { gain: (100 - c.score) * c.weight }));
  let best: HealthLever | null = null;
  for (const c of components) if (c.gain > 0 && (!best || c.gain > best.gain)) best = c;
  return { components, biggestLever: best?.key ?? null };
}
