import type { ApiClient } from '@csm/http';
import { z } from 'zod';
import { hubspotPaths } from './paths.ts';

/**
 * `GET /account-info/v3/details`: the portal a token belongs to and its company currency
 * (https://developers.hubspot.com/docs/api/settings/account-information-api).
 */
const accountDetails = z
  .object({
    portalId: z.coerce.number().int().positive(),
    companyCurrency: z
      .string()
      .regex(/^[A-Za-z]{3}$/)
      .transform((c) => c.toUpperCase())
      .nullish()
      .catch(null),
  })
  .loose();

export interface PortalDetails {
  portalId: number;
  /** ISO 4217 code of the portal's company currency; null when the answer has none. */
  currency: string | null;
}

/**
 * The portal a token belongs to (a tenant registered with a private-app token is tied to it) and
 * the currency its money is kept in.
 *
 * @example
 * const { portalId, currency } = await readPortalDetails(client); // { portalId: 40123456, currency: 'EUR' }
 */
export async function readPortalDetails(client: ApiClient): Promise<PortalDetails> {
  const { body } = await client.request({ path: hubspotPaths.accountDetails });
  const parsed = accountDetails.safeParse(body);
  if (!parsed.success) throw new Error('HubSpot: /account-info/v3/details answered without a portalId');
  return { portalId: parsed.data.portalId, currency: parsed.data.companyCurrency ?? null };
}

/** The portal a token belongs to. */
export async function readPortalId(client: ApiClient): Promise<number> {
  return (await readPortalDetails(client)).portalId;
}
