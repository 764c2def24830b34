import { z } from '@hono/zod-openapi';

/**
 * The card and sidebar answers are the `@csm/accounts` contract (their OpenAPI names come from the
 * schemas' `meta({ id })`); this file adds the error answer of every route.
 */
export {
  accountCardSchema,
  accountReportSchema,
  companyAnswerSchema,
  contactAnswerSchema,
  coverageSchema,
  dealAnswerSchema,
  freshnessSchema,
  organizationAnswerSchema,
  requesterAnswerSchema,
} from '@csm/accounts';

export const errorSchema = z
  .object({ error: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .openapi('Error');
