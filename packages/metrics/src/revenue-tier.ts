import { z } from 'zod';
import { parseInput } from './parse-input.ts';

export const revenueTierSchema = z.enum(['enterprise', 'mid-market', 'smb']);
export type RevenueTier = z.infer<typeof revenueTierSchema>;

/** MRR at or above which an account is `enterprise`. */
export const ENTERPRISE_MIN_MRR = 5000;
/** MRR at or above which (and below enterprise) an account is `mid-market`; below it `smb`. */
export const MID_MARKET_MIN_MRR = 1000;

/** An MRR, or null when the account has no revenue data. */
export const revenueTierInputSchema = z.number().min(0).nullable();

/**
 * The account's revenue tier by MRR: `enterprise` from 5 000, `mid-market` from 1 000, `smb` below;
 * null without MRR (null, or 0: an account that pays nothing has no tier). A value exactly on a
 * threshold belongs to the upper tier.
 *
 * @example
 * revenueTier(5000); // 'enterprise'
 * revenueTier(999.99); // 'smb'
 * revenueTier(0); // null
 */
export function revenueTier(mrr: number | null): RevenueTier | null {
  const value = parseInput(revenueTierInputSchema, mrr, 'mrr');
  if (value === null || value <= 0) return null;
  if (value >= ENTERPRISE_MIN_MRR) return 'enterprise';
  return value >= MID_MARKET_MIN_MRR ? 'mid-market' : 'smb';
}
