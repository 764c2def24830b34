import type { ApiClient } from '@csm/http';
import { z } from 'zod';
import { hubspotPaths } from './paths.ts';

const accountDetails = z.object({ portalId: z.coerce.number().int().positive() }).loose();

/**
 * The portal a token belongs to (`GET /account-info/v3/details`); a tenant registered with a
 * private-app token is tied to it.
 */
export async function readPortalId(client: ApiClient): Promise<number> {
  const { body } = await client.request({ path: hubspotPaths.accountDetails });
  const parsed = accountDetails.safeParse(body);
  if (!parsed.success) throw new Error('HubSpot: /account-info/v3/details answered without a portalId');
  return parsed.data.portalId;
}
