import { describe, expect, it } from 'vitest';
import {
  defaultHealthModel,
  healthModelSchema,
  healthSignalDirections,
  healthSignalKeys,
} from './health-model.ts';

describe('healthModelSchema', () => {
  it('accepts the default model, whose weights add up to 100', () => {
    expect(healthModelSchema.parse(defaultHealthModel)).toEqual(defaultHealthModel);
    const total = healthSignalKeys.reduce((sum, k) => sum + defaultHealthModel.components[k].weight, 0);
    expect(total).toBe(100);
  });

  it('points tickets, urgent tickets and silence the lower-is-better way', () => {
    const lower = healthSignalKeys.filter((k) => healthSignalDirections[k] === 'lower-is-better');
    expect(lower).toEqual(['ticketsPerMonth', 'openUrgentTickets', 'daysSinceLastTouch']);
  });

  it('rejects thresholds that contradict the direction', () => {
    const model = structuredClone(defaultHealthModel);
    model.components.csat.good = model.components.csat.bad;
    const r = healthModelSchema.safeParse(model);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['components', 'csat', 'good']);
  });
});
