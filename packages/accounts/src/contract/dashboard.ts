import { healthSignalKeys } from '@csm/metrics';
import { z } from 'zod';
import { accountCardSchema } from './card.ts';
import { accountOwnerSchema } from './owner.ts';
import { accountReportSchema, healthBandSchema as band } from './report.ts';
import { tenantSettingsSchema } from './settings.ts';

/**
 * The dashboard API's answers (the server's routes declare them, the OpenAPI document is generated
 * from them, and the dashboard app validates what it reads with them). Every figure in them comes
 * from a stored card or from a `@csm/metrics` function; the routes only select and count.
 */

const iso = z.string().meta({ format: 'date-time' });
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ example: '2026-05-31' });
const signal = z.enum(healthSignalKeys);

export const sessionSchema = z
  .object({
    principal: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('admin'), via: z.enum(['password', 'open']) }),
      z.object({
        kind: z.literal('hubspot-user'),
        portalId: z.number().int(),
        userId: z.string(),
        expiresAt: iso,
      }),
    ]),
    tenants: z.array(
      z.object({
        name: z.string(),
        hubspotPortalId: z.number().int().nullable(),
        zendeskSubdomain: z.string().nullable(),
        status: z.enum(['active', 'paused']),
      }),
    ),
  })
  .meta({ id: 'DashboardSession' });

const trendSchema = z
  .object({
    since: z.string(),
    scoreThen: z.number().nullable(),
    delta: z.number().nullable(),
    direction: z.enum(['up', 'down', 'flat']).nullable(),
  })
  .nullable();

export const accountRowSchema = z
  .object({
    account: accountReportSchema,
    ownerId: z.string().nullable(),
    /** The owner named (null when the company has none); `ownerId` stays for older readers. */
    owner: accountOwnerSchema.nullable(),
    trend: trendSchema,
    biggestLever: signal.nullable(),
    revenue: z
      .object({
        mrr: z.number().nullable(),
        movement: z.string().nullable(),
        change: z.number().nullable(),
        renewalDate: iso.nullable(),
        daysToRenewal: z.number().nullable(),
        tier: z.string().nullable(),
      })
      .nullable(),
    computedAt: iso,
  })
  .meta({ id: 'DashboardAccountRow' });

export const accountsSchema = z
  .object({
    accounts: z.array(accountRowSchema),
    currency: z.string().nullable(),
    links: z.object({ hubspotCompany: z.string().nullable() }),
  })
  .meta({
    id: 'DashboardAccounts',
    description:
      'Every account with stored figures: its report element, trend, biggest lever, revenue and owner. `links.hubspotCompany` is a template with `{companyId}`.',
  });

const movedComponent = z.object({
  key: signal,
  /** Points the component added to the score before and after (its contribution). */
  contributionThen: z.number().nullable(),
  contributionNow: z.number().nullable(),
  delta: z.number(),
  valueThen: z.number().nullable(),
  valueNow: z.number().nullable(),
});

const recordLink = z.object({
  kind: z.enum(['ticket-created', 'ticket-solved', 'survey']),
  source: z.string(),
  externalId: z.string(),
  detail: z.string().nullable(),
  value: z.number().nullable(),
  rating: z.string().nullable(),
  at: iso,
  url: z.string().nullable(),
});

export const ledgerEntrySchema = z
  .object({
    companyId: z.string(),
    name: z.string().nullable(),
    day,
    previousDay: day,
    score: z.number().nullable(),
    previousScore: z.number().nullable(),
    delta: z.number().nullable(),
    band,
    previousBand: band,
    movers: z.array(movedComponent),
    records: z.array(recordLink).optional(),
  })
  .meta({
    id: 'ScoreLedgerEntry',
    description:
      'One change of an account’s score between two daily snapshots, with the components that moved it (largest first) and, on an account’s page, the records dated between the two days.',
  });

export const ledgerSchema = z
  .object({ since: day, until: day, entries: z.array(ledgerEntrySchema) })
  .meta({ id: 'ScoreLedger' });

export const accountPageSchema = z
  .object({
    card: accountCardSchema,
    ownerId: z.string().nullable(),
    owner: accountOwnerSchema.nullable(),
    history: z.array(z.object({ day, score: z.number().nullable(), band })),
    ledger: z.array(ledgerEntrySchema),
    links: z.object({ hubspot: z.string().nullable(), zendeskOrganizations: z.array(z.string()) }),
  })
  .meta({ id: 'DashboardAccount' });

const bandCounts = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  none: z.number().int(),
});

export const bandsSchema = z
  .object({
    series: z.array(bandCounts.extend({ day })),
    moves: z
      .object({
        from: day,
        to: day,
        moves: z.array(z.object({ from: band, to: band, accounts: z.number().int() })),
      })
      .nullable(),
  })
  .meta({
    id: 'BandDistribution',
    description:
      'Accounts per health band at each month end (and today) from the daily snapshots, and how accounts moved between the last two.',
  });

export const settingsAnswerSchema = z
  .object({
    settings: tenantSettingsSchema,
    isDefault: z.boolean(),
    defaults: tenantSettingsSchema,
    signals: z.array(signal),
    versions: z.array(
      z.object({
        version: z.number().int(),
        settings: z.unknown(),
        savedBy: z.string(),
        note: z.string().nullable(),
        savedAt: iso,
      }),
    ),
  })
  .meta({ id: 'DashboardSettings' });

export const previewSchema = z
  .object({
    accounts: z.number().int(),
    changed: z.number().int(),
    before: bandCounts,
    after: bandCounts,
    changes: z.array(
      z.object({
        companyId: z.string(),
        name: z.string().nullable(),
        from: z.object({ score: z.number().nullable(), band }),
        to: z.object({ score: z.number().nullable(), band }),
      }),
    ),
  })
  .meta({
    id: 'SettingsPreview',
    description:
      'Every account’s band under the draft settings (computed with the card function, nothing stored) against its stored band: how many change, and which (up to 500).',
  });

export const saveBodySchema = z
  .object({ settings: tenantSettingsSchema, note: z.string().max(500).optional() })
  .strict()
  .meta({ id: 'SaveSettings' });

export const savedSchema = z
  .object({
    version: z.number().int(),
    savedAt: iso,
    refreshed: z.number().int().meta({ description: 'Accounts whose cards were recomputed' }),
  })
  .meta({ id: 'SettingsSaved' });
