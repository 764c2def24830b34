import { z } from 'zod';
import { percentOf } from './finite-result.ts';
import { parseInput } from './parse-input.ts';

const amount = z.number().min(0);

export const renewalRateInputSchema = z
  .strictObject({
    /** Contracts (or their value) renewed in the period. */
    renewed: amount,
    /** Contracts (or their value) that came up for renewal in the period. */
    upForRenewal: amount,
  })
  .refine((v) => v.renewed <= v.upForRenewal, {
    path: ['renewed'],
    message: 'Expected renewed <= upForRenewal',
  });
export type RenewalRateInput = z.infer<typeof renewalRateInputSchema>;

/**
 * Renewal rate: renewed / upForRenewal x 100; null when nothing came up for renewal. Works for counts
 * or for contract value, as long as both inputs use the same one.
 *
 * @example
 * renewalRate({ renewed: 45, upForRenewal: 50 }); // 90
 */
export function renewalRate(input: RenewalRateInput): number | null {
  const { renewed, upForRenewal } = parseInput(renewalRateInputSchema, input, '');
  return upForRenewal === 0 ? null : percentOf(renewed, upForRenewal, 'renewed');
}

export const licenseUtilizationInputSchema = z.strictObject({
  activeUsers: z.number().int().min(0),
  licensedSeats: z.number().int().min(0),
});
export type LicenseUtilizationInput = z.infer<typeof licenseUtilizationInputSchema>;

/**
 * License utilization: activeUsers / licensedSeats x 100; null without seats. It may exceed 100 when
 * a contract lets an account use more seats than it bought (an upsell signal, not an error).
 *
 * @example
 * licenseUtilization({ activeUsers: 42, licensedSeats: 50 }); // 84
 */
export function licenseUtilization(input: LicenseUtilizationInput): number | null {
  const { activeUsers, licensedSeats } = parseInput(licenseUtilizationInputSchema, input, '');
  return licensedSeats === 0 ? null : percentOf(activeUsers, licensedSeats, 'activeUsers');
}

export const ticketsPerAccountInputSchema = z.strictObject({
  tickets: z.number().int().min(0),
  accounts: z.number().int().min(0),
});
export type TicketsPerAccountInput = z.infer<typeof ticketsPerAccountInputSchema>;

/**
 * Support tickets per account over a period: tickets / accounts; null without accounts.
 *
 * @example
 * ticketsPerAccount({ tickets: 90, accounts: 60 }); // 1.5
 */
export function ticketsPerAccount(input: TicketsPerAccountInput): number | null {
  const { tickets, accounts } = parseInput(ticketsPerAccountInputSchema, input, '');
  return accounts === 0 ? null : tickets / accounts;
}
