import { z } from '@hono/zod-openapi';
import { errorSchema } from '../cards/card-schemas.ts';
import { recordIdSchema } from '../http/ids.ts';

/**
 * The dashboard API's path parameters. Its answers are part of the account contract
 * (`@csm/accounts/contract`), which the dashboard app validates its reads with too.
 */

export {
  accountPageSchema,
  accountRowSchema,
  accountsSchema,
  bandsSchema,
  ledgerEntrySchema,
  ledgerSchema,
  previewSchema,
  saveBodySchema,
  savedSchema,
  sessionSchema,
  settingsAnswerSchema,
} from '@csm/accounts/contract';
export { errorSchema };

export const tenantParam = z.object({
  tenant: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'tenant', in: 'path' }, example: 'demo' }),
});
export const companyParam = tenantParam.extend({
  companyId: recordIdSchema('companyId').openapi({
    param: { name: 'companyId', in: 'path' },
    example: '9000000000',
  }),
});
