/**
 * Playbook rules: what makes the app create a HubSpot task for a company's owner. Per tenant,
 * edited through `PUT /api/v1/playbooks`, validated here (the API and the evaluation share it).
 */

import { NPS_DETRACTOR_MAX } from '@csm/metrics';
import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { z } from '@hono/zod-openapi';

const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use 1-63 lowercase letters, digits, "-" or "_"')
  .openapi({ example: 'turned-red' });
const enabled = z.boolean().default(true).openapi({ description: 'A disabled rule never fires.' });

export const turnedRedRuleSchema = z
  .object({ id: ruleId, enabled, kind: z.literal('turned-red') })
  .strict()
  .openapi('TurnedRedRule', {
    description: 'The account’s health band is red today and was green or yellow on its previous snapshot.',
  });

export const scoreDropRuleSchema = z
  .object({
    id: ruleId,
    enabled,
    kind: z.literal('score-drop'),
    points: z.number().gt(0).max(100).openapi({ description: 'More than this many points…', example: 15 }),
    days: z.number().int().min(1).max(365).openapi({ description: '…within this many days.', example: 30 }),
  })
  .strict()
  .openapi('ScoreDropRule', {
    description:
      'The health score fell by more than `points` against the snapshot `days` ago; fires at most once per account per `days`.',
  });

export const detractorRuleSchema = z
  .object({
    id: ruleId,
    enabled,
    kind: z.literal('detractor'),
    maxScore: z
      .number()
      .int()
      .min(0)
      .max(6)
      .default(6)
      .openapi({ description: 'NPS answers at or below this are detractors (0-6).' }),
  })
  .strict()
  .openapi('DetractorRule', { description: 'An NPS answer of `maxScore` or less arrived for the account.' });

export const playbookRuleSchema = z.discriminatedUnion('kind', [
  turnedRedRuleSchema,
  scoreDropRuleSchema,
  detractorRuleSchema,
]);
export type PlaybookRule = z.infer<typeof playbookRuleSchema>;

export const playbookRulesSchema = z
  .object({
    rules: z
      .array(playbookRuleSchema)
      .max(50)
      .superRefine((rules, ctx) => {
        const seen = new Set<string>();
        rules.forEach((rule, i) => {
          if (seen.has(rule.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate rule id "${rule.id}"` });
          seen.add(rule.id);
        });
      }),
  })
  .strict()
  .openapi('PlaybookRules');
export type PlaybookRules = z.infer<typeof playbookRulesSchema>;

/** A new tenant's rules: turned red; a drop of more than 15 points in 30 days; a detractor's answer. */
export const defaultPlaybookRules: PlaybookRule[] = [
  { id: 'turned-red', enabled: true, kind: 'turned-red' },
  { id: 'score-drop', enabled: true, kind: 'score-drop', points: 15, days: 30 },
  { id: 'detractor', enabled: true, kind: 'detractor', maxScore: NPS_DETRACTOR_MAX },
];

/**
 * The tenant's rules: its saved ones when valid, else the defaults (and `isDefault`). Saved rules
 * that no longer validate (a schema change) fall back to the defaults with a warning.
 */
export async function tenantPlaybookRules(
  store: Store,
  tenantId: number,
  logger?: Logger,
): Promise<{ rules: PlaybookRule[]; isDefault: boolean }> {
  const saved = await store.playbooks.rules(tenantId);
  if (saved === null) return { rules: defaultPlaybookRules, isDefault: true };
  const parsed = playbookRulesSchema.safeParse({ rules: saved });
  if (parsed.success) return { rules: parsed.data.rules, isDefault: false };
  logger?.warn(
    { tenantId, issue: parsed.error.issues[0]?.message },
    'saved playbook rules are invalid; using the defaults',
  );
  return { rules: defaultPlaybookRules, isDefault: true };
}
