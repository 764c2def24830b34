/**
 * @module
 * The card, sidebar and report contract: zod schemas whose inferred types every surface uses
 * (server routes, `csm report`, the Zendesk app; the HubSpot app checks its own copy against them).
 * Importable alone (`@csm/accounts/contract`): it needs nothing but zod and the pure `@csm/metrics`,
 * so the browser apps (the Zendesk app, the dashboard) validate answers with the very same schemas.
 */

export { type HealthSignalKey, healthSignalKeys } from '@csm/metrics';
export {
  type CompanyAnswer,
  type ContactAnswer,
  type Coverage,
  companyAnswerSchema,
  contactAnswerSchema,
  coverageSchema,
  type DealAnswer,
  dealAnswerSchema,
  type Freshness,
  freshnessSchema,
  type OrganizationAnswer,
  type OrganizationTickets,
  organizationAnswerSchema,
  organizationTicketsSchema,
  type PersonTicketView,
  personTicketSchema,
  type RequesterAnswer,
  renewalRiskSchema,
  requesterAnswerSchema,
} from './answers.ts';
export {
  type AccountCard,
  accountCardSchema,
  type CardComponent,
  cardComponentSchema,
  mrrMovementKindSchema,
} from './card.ts';
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
} from './dashboard.ts';
export { type AccountOwner, accountOwnerSchema } from './owner.ts';
export {
  type AccountReport,
  accountReportSchema,
  healthBandSchema,
  isLowConfidence,
  LOW_CONFIDENCE_BELOW,
  lowConfidenceFigureSchema,
  type Windows,
  windowsSchema,
} from './report.ts';
export { type TenantSettings, tenantSettingsSchema } from './settings.ts';
