import { z } from 'zod';

/** The windows a figure was computed over, in days (docs/metrics.md, "Windows"). */
export const windowsSchema = z
  .object({
    npsDays: z.number().int().min(1).max(3650),
    csatDays: z.number().int().min(1).max(3650),
    cesDays: z.number().int().min(1).max(3650),
    fcrDays: z.number().int().min(1).max(3650),
    firstReplyDays: z.number().int().min(1).max(3650),
  })
  .strict()
  .meta({ id: 'Windows', description: 'Days each windowed figure looks back from the refresh.' });
export type Windows = z.infer<typeof windowsSchema>;

/** Figures with fewer answers (or solved tickets) than this are marked low-confidence. */
export const LOW_CONFIDENCE_BELOW = 5;

/** Whether a figure from `sample` answers (or solved tickets) is low-confidence: 1 to 4; none gives no figure. */
export const isLowConfidence = (sample: number) => sample > 0 && sample < LOW_CONFIDENCE_BELOW;

export const healthBandSchema = z.enum(['green', 'yellow', 'red']).nullable();

/** The windowed figures a report element may mark as resting on fewer than 5 answers. */
export const lowConfidenceFigureSchema = z.enum(['nps', 'csat', 'ces', 'fcr']);

/**
 * One element of `csm report --json`. The first fields are the command line's contract and keep
 * their order; `currency`, `windows` and `lowConfidence` follow them.
 */
export const accountReportSchema = z
  .object({
    hubspotCompanyId: z.string(),
    name: z.string().nullable(),
    domain: z.string().nullable(),
    health: z.object({ score: z.number().nullable(), band: healthBandSchema }),
    nps: z.object({ score: z.number().nullable(), responses: z.number().int() }),
    csat: z.object({ score: z.number().nullable(), responses: z.number().int() }),
    fcr: z.object({
      rate: z.number().nullable(),
      firstContactResolved: z.number().int(),
      solved: z.number().int(),
    }),
    mrr: z.number().nullable(),
    arr: z.number().nullable(),
    openTickets: z.number().int(),
    /** ISO 4217 code of the portal's company currency, null when unknown. */
    currency: z.string().nullable(),
    windows: z.object({ npsDays: z.number().int(), csatDays: z.number().int(), fcrDays: z.number().int() }),
    /** Figures resting on fewer than 5 answers (or solved tickets). */
    lowConfidence: z.array(lowConfidenceFigureSchema),
  })
  .meta({ id: 'AccountReport', description: 'One element of `csm report --json`, the same values.' });
export type AccountReport = z.infer<typeof accountReportSchema>;
