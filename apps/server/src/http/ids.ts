import { z } from '@hono/zod-openapi';

/** The largest id HubSpot and Zendesk use: their ids are 64-bit integers. */
const INT64_MAX = 9_223_372_036_854_775_807n;

/** Whether `value` is a HubSpot or Zendesk record id: decimal digits, 1 up to 2^63 - 1. */
export function isRecordId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) >= 1n && BigInt(value) <= INT64_MAX;
}

/** Whether `value` is a HubSpot portal id: decimal digits, 1 up to 2^53 - 1 (kept as a number). */
export function isPortalId(value: string): boolean {
  return /^\d{1,16}$/.test(value) && Number(value) >= 1 && Number.isSafeInteger(Number(value));
}

/**
 * A record id in a path or a query (`companyId`, `orgId`): digits only and within 64 bits, so that
 * an id past what any API hands out is a 400 naming the field rather than a database error.
 *
 * @example
 * z.object({ companyId: recordIdSchema('companyId') })
 */
export const recordIdSchema = (name: string) =>
  z.string().refine(isRecordId, `${name}: a positive integer id of at most 19 digits (64 bits)`);

/** A portal id in a query string, as a number: digits only, 1 to 2^53 - 1. */
export const portalIdSchema = z
  .string()
  .refine(isPortalId, 'portalId: a positive integer of at most 16 digits')
  .transform(Number);
