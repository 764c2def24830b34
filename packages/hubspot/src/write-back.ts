/**
 * Company property write-back: the values the app writes (`csm_*`, see app-properties.ts), the
 * `batch/update` bodies (100 inputs a call), the call itself, and which refusals mean "this
 * portal cannot take the write-back" (properties not created, scope missing).
 * https://developers.hubspot.com/docs/api/crm/companies (batch update, 100 inputs)
 */
import { type ApiClient, ApiError } from '@csm/http';
import { z } from 'zod';
import { companyAppProperties } from './app-properties.ts';
import { hubspotSdk, rawBody } from './sdk.ts';

/** HubSpot's limit of inputs per `batch/update` call. */
export const BATCH_UPDATE_SIZE = 100;

/** One account's figures as the write-back sends them. */
export interface CompanyFigures {
  healthScore: number | null;
  healthBand: string | null;
  nps: number | null;
  csat: number | null;
  fcr: number | null;
  computedAt: Date;
}

/** `csm_*` property name -> value as HubSpot stores it (a string; '' clears the property). */
export type CompanyPropertyValues = Record<
  (typeof companyAppProperties)[keyof typeof companyAppProperties],
  string
>;

/** One decimal: what a list filter or report needs, and no float noise that would look like a change. */
const decimal = (value: number | null) => (value === null ? '' : String(Math.round(value * 10) / 10));

/**
 * The property values of one account. Numbers are rounded to one decimal; a missing figure is ''
 * (HubSpot clears a property set to an empty string); `csm_last_computed` is a datetime in epoch
 * milliseconds.
 *
 * @example
 * companyPropertyValues({ healthScore: 72.46, healthBand: 'green', nps: 40, csat: null, fcr: 80, computedAt })
 * // { csm_health_score: '72.5', csm_health_band: 'green', csm_nps: '40', csm_csat: '', csm_fcr: '80', csm_last_computed: '1781524800000' }
 */
export function companyPropertyValues(figures: CompanyFigures): CompanyPropertyValues {
  const p = companyAppProperties;
  return {
    [p.healthScore]: decimal(figures.healthScore),
    [p.healthBand]: figures.healthBand ?? '',
    [p.nps]: decimal(figures.nps),
    [p.csat]: decimal(figures.csat),
    [p.fcr]: decimal(figures.fcr),
    [p.lastComputed]: String(figures.computedAt.getTime()),
  } as CompanyPropertyValues;
}

export interface BatchUpdateInput {
  id: string;
  properties: Record<string, string>;
}

/** `{ inputs }` bodies of at most `size` (100) inputs each, in order. */
export function batchUpdateBodies(
  inputs: readonly BatchUpdateInput[],
  size = BATCH_UPDATE_SIZE,
): { inputs: BatchUpdateInput[] }[] {
  const bodies: { inputs: BatchUpdateInput[] }[] = [];
  for (let i = 0; i < inputs.length; i += size) bodies.push({ inputs: inputs.slice(i, i + size) });
  return bodies;
}

const batchAnswer = z
  .object({
    results: z.array(z.object({ id: z.coerce.string() }).loose()).default([]),
    errors: z
      .array(
        z
          .object({
            category: z.string().optional(),
            context: z
              .object({ ids: z.array(z.coerce.string()).optional() })
              .loose()
              .optional(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

/**
 * One `batch/update` call (at most 100 inputs). HubSpot answers 207 when some ids no longer exist
 * (deleted companies): those are returned as `missing`, the rest as `updated`.
 */
export async function batchUpdateCompanies(
  client: ApiClient,
  inputs: readonly BatchUpdateInput[],
): Promise<{ updated: string[]; missing: string[] }> {
  if (inputs.length > BATCH_UPDATE_SIZE)
    throw new Error(`batchUpdateCompanies: at most ${BATCH_UPDATE_SIZE} inputs a call`);
  const info = await hubspotSdk(client).crm.objects.batchApi.updateWithHttpInfo('companies', {
    inputs: [...inputs],
  });
  const answer = batchAnswer.parse(rawBody(info) ?? {});
  const missing = new Set(
    answer.errors.filter((e) => e.category === 'OBJECT_NOT_FOUND').flatMap((e) => e.context?.ids ?? []),
  );
  const updated = answer.results.map((r) => r.id);
  return { updated, missing: inputs.map((i) => i.id).filter((id) => missing.has(id)) };
}

/**
 * Why the portal cannot take the write-back, or null when the error is something else (an
 * outage, a bad value): the token lacks the scope (403), the path is unknown (404), or the
 * properties were never created (HubSpot's 400 `PROPERTY_DOESNT_EXIST`).
 */
export function writeBackRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 403) return `HubSpot refused the write-back (${error.message})`;
  if (error.status === 404) return `HubSpot has no such endpoint for this portal (${error.message})`;
  if (error.status === 400 && /PROPERTY_DOESNT_EXIST|does not exist/i.test(error.message))
    return `the app's company properties are missing in the portal (${error.message})`;
  return null;
}
