/**
 * @module
 * The account model: an account's facts (from `@csm/store`) -> its figures (every formula from
 * `@csm/metrics`, over the tenant's windows) -> its card, and the refresh that stores the cards.
 * The card, sidebar and report contract lives here as zod schemas (`./contract`). Where the NPS on a
 * company card comes from: card route -> `tenant-cards.ts` (`cardsOf`) -> `account-card.ts` ->
 * `account-figures.ts` -> `nps()` of `@csm/metrics`.
 */
export {
  accountCard,
  type CardInputs,
  dayOf,
  type EarlierHealth,
  factsAt,
  reportOf,
  TREND_DAYS,
} from './account-card.ts';
export {
  type AccountFigures,
  accountFigures,
  type FigureInputs,
  lastTouchOf,
  subscriptionsOf,
} from './account-figures.ts';
export * from './contract/index.ts';
export { portfolioInput, tenantPortfolio } from './portfolio.ts';
export { type RefreshMode, type RefreshOptions, type RefreshResult, refreshAccounts } from './refresh.ts';
export {
  defaultSettings,
  readTenantSettings,
  type SettingsInForce,
  saveTenantSettings,
  type TenantSettings,
  tenantSettingsSchema,
} from './settings.ts';
export { parseStoredCard, readAccountCard, storedCardHolds, tenantReport } from './stored-cards.ts';
export {
  allCards,
  cardsOf,
  computeCards,
  type TenantCardContext,
  tenantCardContext,
} from './tenant-cards.ts';
export { dealRenewalRisk, organizationTickets, personFcr, ticketView } from './ticket-views.ts';
export { defaultWindows, inWindow, TICKET_LOAD_DAYS, windowsOfCard } from './windows.ts';
