/**
 * Settings of the sandbox's Zendesk account that tests switch: which CSAT it runs. Zendesk lets an
 * account run legacy satisfaction ratings or the current CSAT (survey responses); an account that
 * moved to the current CSAT keeps answering on the legacy endpoint too, mirroring each answer as
 * a good / bad rating (`both`).
 */
import type { SandboxContext } from '../runtime/runtime.ts';

export type ZendeskCsat = 'legacy' | 'current' | 'both';

export interface ZendeskAccount {
  csat: ZendeskCsat;
}

export function zendeskAccount(csat: ZendeskCsat = 'legacy'): ZendeskAccount {
  return { csat };
}

/** Zendesk's answer for a feature the account has not switched on. */
export function notSwitchedOn(c: SandboxContext, feature: string): Response {
  return c.json(
    {
      error: 'Forbidden',
      description: `You do not have access to this page. ${feature} is not enabled for this account.`,
    },
    403,
  );
}
