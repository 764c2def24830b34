import { z } from 'zod';

/**
 * Who owns an account: the HubSpot owner id of its company (`hubspot_owner_id`) with the person's
 * name and email from the owners stream. Both are null while the owner is unknown (the token lacks
 * `crm.objects.owners.read`, or no sync has read the owners yet): show the id then.
 */
export const accountOwnerSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'AccountOwner' });
export type AccountOwner = z.infer<typeof accountOwnerSchema>;
