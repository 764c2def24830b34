/**
 * The dashboard API's answers as this app reads them. The card, report, settings, ledger, band and
 * account answers are the server's own schemas (`@csm/accounts/contract`); the rest hold the fields
 * the pages use (the server's OpenAPI document, `/openapi.json`, is the authority for them).
 */
import {
  type AccountCard,
  type AccountReport,
  accountCardSchema,
  accountPageSchema,
  accountReportSchema,
  accountRowSchema,
  accountsSchema,
  bandsSchema,
  type CardComponent as ContractCardComponent,
  type HealthSignalKey,
  healthBandSchema,
  healthSignalKeys,
  ledgerEntrySchema,
  ledgerSchema,
  previewSchema,
  savedSchema,
  sessionSchema,
  settingsAnswerSchema,
  type TenantSettings,
  tenantSettingsSchema,
  type Windows,
  windowsSchema,
} from '@csm/accounts/contract';
import type { HealthComponentModel } from '@csm/metrics';
import { z } from 'zod';

export {
  accountPageSchema,
  accountRowSchema,
  accountsSchema,
  bandsSchema,
  ledgerEntrySchema,
  ledgerSchema,
  previewSchema,
  savedSchema,
  sessionSchema,
  settingsAnswerSchema,
};

export const SIGNALS = healthSignalKeys;
export const signalSchema = z.enum(SIGNALS);
export type Signal = HealthSignalKey;

export const bandSchema = healthBandSchema;
export type Band = z.infer<typeof bandSchema>;

export const reportSchema = accountReportSchema;
export type Report = AccountReport;
export type Session = z.infer<typeof sessionSchema>;

export type AccountRow = z.infer<typeof accountRowSchema>;
export type Accounts = z.infer<typeof accountsSchema>;
export type CardComponent = ContractCardComponent;
export const cardSchema = accountCardSchema;
export type Card = AccountCard;

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type AccountPage = z.infer<typeof accountPageSchema>;
export type Bands = z.infer<typeof bandsSchema>;
export type BandCounts = Omit<Bands['series'][number], 'day'>;
export type ComponentModel = HealthComponentModel;
export type { Windows };
export { windowsSchema };

/** The body and answer of the settings API (validated whole, as the server does). */
export const settingsSchema = tenantSettingsSchema;
export type Settings = TenantSettings;

export type SettingsAnswer = z.infer<typeof settingsAnswerSchema>;
export type Preview = z.infer<typeof previewSchema>;
export type Saved = z.infer<typeof savedSchema>;

const rate = z.number().nullable();
export const figuresSchema = z.object({
  period: z.object({ start: z.string(), end: z.string(), label: z.string() }),
  mrr: rate,
  arr: rate,
  nrr: rate,
  grr: rate,
  customerChurnRate: rate,
  revenueChurnRate: rate,
  quickRatio: rate,
  renewalRate: rate,
  arpu: rate,
  nps: z.object({ score: rate, responses: z.number() }),
  csat: z.object({ score: rate, responses: z.number() }),
  fcr: z.object({ rate, firstContactResolved: z.number(), solved: z.number() }),
  firstReply: z.object({ medianMinutes: rate, p90Minutes: rate, tickets: z.number() }),
  ticketsPerAccount: rate,
  movements: z.object({
    startMrr: z.number(),
    endMrr: z.number(),
    new: z.number(),
    expansion: z.number(),
    contraction: z.number(),
    churn: z.number(),
    reactivation: z.number(),
  }),
});
export type Figures = z.infer<typeof figuresSchema>;

export const portfolioSchema = z.object({
  figures: figuresSchema,
  previous: figuresSchema,
  currency: z.string().nullable(),
});
export type Portfolio = z.infer<typeof portfolioSchema>;

export const portfolioMonthsSchema = z.object({
  months: z.array(figuresSchema),
  currency: z.string().nullable(),
});
export type PortfolioMonths = z.infer<typeof portfolioMonthsSchema>;

const backtestBand = z.object({
  accounts: z.number(),
  churned: z.number(),
  churnRate: z.number().nullable(),
});
export const backtestResultSchema = z.object({
  accounts: z.number(),
  churned: z.number(),
  auc: z.number().nullable(),
  bands: z.object({ green: backtestBand, yellow: backtestBand, red: backtestBand }),
  unscored: z.object({ accounts: z.number(), churned: z.number() }),
  liftRedOverGreen: z.number().nullable(),
});
export type BacktestResult = z.infer<typeof backtestResultSchema>;
export const backtestSchema = z.object({
  startDay: z.string(),
  horizonDays: z.number(),
  current: backtestResultSchema,
  draft: backtestResultSchema.nullable(),
});
export type Backtest = z.infer<typeof backtestSchema>;

const coverageItem = z.object({ count: z.number(), sample: z.array(z.string()) });
export const COVERAGE_KEYS = [
  'unmatchedOrganizations',
  'unmatchedTickets',
  'contactsWithoutCompany',
  'companiesWithoutRevenue',
  'ambiguousEmails',
  'ambiguousOrganizations',
  'quarantined',
] as const;
export const coverageSchema = z.object({
  counts: z.object(
    Object.fromEntries(COVERAGE_KEYS.map((k) => [k, coverageItem])) as Record<
      (typeof COVERAGE_KEYS)[number],
      typeof coverageItem
    >,
  ),
  organizations: z.array(
    z.object({
      zendeskOrgId: z.string(),
      name: z.string().nullable(),
      domainNames: z.array(z.string()),
      tickets: z.number(),
      domainMatches: z.number(),
      linkedCompanyId: z.string().nullable(),
      linkedCompanyName: z.string().nullable(),
      explicit: z.boolean(),
    }),
  ),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const companiesSchema = z.object({
  companies: z.array(
    z.object({ companyId: z.string(), name: z.string().nullable(), domain: z.string().nullable() }),
  ),
});
export const linkSchema = z.object({
  zendeskOrgId: z.string(),
  hubspotCompanyId: z.string().nullable(),
  explicit: z.boolean(),
  tickets: z.number(),
  refreshed: z.number(),
});

const side = z.object({
  connected: z.boolean(),
  kind: z.string().nullable(),
  account: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastStatus: z.string().nullable(),
  lastSucceededAt: z.string().nullable(),
});
export const connectionsSchema = z.object({
  status: z.string(),
  syncing: z.boolean(),
  hubspot: side,
  zendesk: side,
  records: z.record(z.string(), z.number()),
  streams: z.array(z.object({ stream: z.string(), cursorAt: z.string() })),
  runs: z.array(
    z.object({
      id: z.number(),
      source: z.string(),
      mode: z.string(),
      status: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      error: z.string().nullable(),
      requests: z
        .object({
          requests: z.number(),
          retries: z.number(),
          rateLimited: z.number(),
          budgetWaitMs: z.number(),
        })
        .nullable(),
      streams: z.array(
        z.object({
          stream: z.string(),
          pages: z.number(),
          records: z.number(),
          quarantined: z.number(),
          skipped: z.string().optional(),
        }),
      ),
    }),
  ),
});
export type Connections = z.infer<typeof connectionsSchema>;

export const ingestResultSchema = z.object({
  received: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  duplicates: z.number(),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;
