/**
 * @module
 * Customer success metrics as pure functions: survey scores (NPS, CSAT, CES), support (FCR,
 * response times), revenue (MRR movements, churn, NRR / GRR, quick ratio), unit economics (ARR,
 * ARPU, CLV, CAC), onboarding, account health, and benchmarks; the account model's figures
 * (windows, CSAT across sources, MRR now / change / month to date, tickets per month, days since,
 * one-touch, renewal risk, revenue tier) and the portfolio's figures for a month or quarter. Rates
 * and shares are percentages on 0-100, money is a plain number, an empty input gives null for the
 * figure, and invalid input throws a MetricInputError naming the offending field (e.g.
 * `scores[3]`); unknown input fields are refused and results are finite or refused. Formulas and
 * sources: docs/metrics.md.
 */

export type { LicenseUtilizationInput, RenewalRateInput, TicketsPerAccountInput } from './account-ratios.ts';
export {
  licenseUtilization,
  licenseUtilizationInputSchema,
  renewalRate,
  renewalRateInputSchema,
  ticketsPerAccount,
  ticketsPerAccountInputSchema,
} from './account-ratios.ts';
export type { Benchmark, BenchmarkMetric, BenchmarkPosition } from './benchmarks.ts';
export {
  benchmarkMetricSchema,
  benchmarkPositionSchema,
  benchmarks,
  benchmarkValueSchema,
  compareToBenchmark,
} from './benchmarks.ts';
export type { CesOptions, CesResult } from './ces.ts';
export { ces, cesOptionsSchema, cesResultSchema, cesScoresSchema } from './ces.ts';
export type { BacktestObservation, ChurnBacktestResult } from './churn-backtest.ts';
export {
  backtestObservationSchema,
  backtestObservationsSchema,
  churnBacktest,
  churnBacktestResultSchema,
} from './churn-backtest.ts';
export type { ClvInput } from './clv.ts';
export { clv, clvInputSchema } from './clv.ts';
export type { CsatOptions, CsatRating, CsatResult, ZendeskSatisfaction } from './csat.ts';
export {
  csat,
  csatOptionsSchema,
  csatRatingsSchema,
  csatResultSchema,
  zendeskSatisfactionSchema,
} from './csat.ts';
export type { CsatAcrossSourcesResult, CsatSourceAnswer } from './csat-across-sources.ts';
export {
  csatAcrossSources,
  csatAcrossSourcesResultSchema,
  csatSourceAnswerSchema,
  csatSourceAnswersSchema,
  positiveCutOff,
} from './csat-across-sources.ts';
export { daysSince } from './days-since.ts';
export { decimalSum } from './decimal-sum.ts';
export { MetricInputError } from './errors.ts';
export type { FcrOptions, FcrResult, FcrTicket, TicketStatus } from './fcr.ts';
export {
  fcr,
  fcrOptionsSchema,
  fcrResultSchema,
  fcrTicketSchema,
  fcrTicketsSchema,
  ticketStatusSchema,
} from './fcr.ts';
export type { HealthLever } from './health-levers.ts';
export { healthLevers } from './health-levers.ts';
export type {
  CompleteHealthModel,
  HealthBands,
  HealthComponentModel,
  HealthDirection,
  HealthModel,
  HealthSignalKey,
  HealthSignals,
} from './health-model.ts';
export {
  defaultHealthModel,
  healthBandsSchema,
  healthComponentModelSchema,
  healthDirectionSchema,
  healthModelSchema,
  healthSignalDirections,
  healthSignalKeySchema,
  healthSignalKeys,
  healthSignalsSchema,
} from './health-model.ts';
export type { HealthBand, HealthComponent, HealthScoreResult, HealthScorer } from './health-score.ts';
export {
  HEALTH_SCORE_DECIMALS,
  healthBand,
  healthBandSchema,
  healthComponentSchema,
  healthScore,
  healthScoreResultSchema,
  healthScorer,
} from './health-score.ts';
export type { HealthTrendOptions, HealthTrendResult } from './health-trend.ts';
export {
  healthTrend,
  healthTrendOptionsSchema,
  healthTrendResultSchema,
  healthTrendSchema,
  healthTrendScoreSchema,
} from './health-trend.ts';
export type { InstantInput } from './iso-instant.ts';
export { instantSchema, monthBounds, monthSchema, parseInstant, parseIsoInstant } from './iso-instant.ts';
export type { MonthToDateResult } from './month-to-date.ts';
export { monthToDate, monthToDateResultSchema } from './month-to-date.ts';
export type { RevenueSubscription } from './mrr-at.ts';
export { mrrAt, revenueSubscriptionSchema, revenueSubscriptionsSchema } from './mrr-at.ts';
export { mrrChange, mrrChangeDaysSchema } from './mrr-change.ts';
export type {
  MrrAccountMovement,
  MrrMovement,
  MrrMovementsResult,
  MrrTotals,
  Subscription,
} from './mrr-movements.ts';
export {
  mrrMovementSchema,
  mrrMovements,
  mrrMovementsResultSchema,
  subscriptionSchema,
  subscriptionsSchema,
} from './mrr-movements.ts';
export type { NpsResult } from './nps.ts';
export { nps, npsResultSchema, npsScoresSchema } from './nps.ts';
export type { NpsCategory } from './nps-category.ts';
export {
  NPS_DETRACTOR_MAX,
  NPS_PROMOTER_MIN,
  npsCategory,
  npsCategorySchema,
  npsScoreSchema,
} from './nps-category.ts';
export type { OnboardingAccount, OnboardingCompletionResult } from './onboarding.ts';
export {
  onboardingAccountSchema,
  onboardingAccountsSchema,
  onboardingCompletion,
  onboardingCompletionResultSchema,
} from './onboarding.ts';
export type { OneTouchTicket } from './one-touch.ts';
export { oneTouch, oneTouchTicketSchema } from './one-touch.ts';
export { formatPath, parseInput } from './parse-input.ts';
export type { PortfolioFigures, PortfolioInput } from './portfolio-figures.ts';
export {
  portfolioFigures,
  portfolioFiguresSchema,
  portfolioInputSchema,
  portfolioTicketSchema,
} from './portfolio-figures.ts';
export { annualToMonthly, monthlyToAnnual, periodRateSchema } from './rate-conversion.ts';
export type { RenewalRiskInput, RenewalRiskResult } from './renewal-risk.ts';
export {
  renewalRisk,
  renewalRiskInputSchema,
  renewalRiskLevelSchema,
  renewalRiskResultSchema,
} from './renewal-risk.ts';
export type { ReportingPeriod } from './reporting-period.ts';
export { quarterSchema, reportingPeriodSchema } from './reporting-period.ts';
export type { ResponseTimesResult } from './response-times.ts';
export { responseTimes, responseTimesResultSchema, responseTimesSchema } from './response-times.ts';
export type {
  ChurnRateInput,
  GrrInput,
  NrrInput,
  QuickRatioInput,
  RevenueChurnRateInput,
} from './revenue-retention.ts';
export {
  churnRate,
  churnRateInputSchema,
  grr,
  grrInputSchema,
  nrr,
  nrrInputSchema,
  quickRatio,
  quickRatioInputSchema,
  revenueChurnRate,
  revenueChurnRateInputSchema,
} from './revenue-retention.ts';
export type { RevenueTier } from './revenue-tier.ts';
export {
  ENTERPRISE_MIN_MRR,
  MID_MARKET_MIN_MRR,
  revenueTier,
  revenueTierInputSchema,
  revenueTierSchema,
} from './revenue-tier.ts';
export type { Scale } from './scale.ts';
export { scaleSchema } from './scale.ts';
export { percentile, percentileRankSchema, percentileValuesSchema } from './stats.ts';
export {
  DAYS_PER_MONTH,
  ticketsInWindowSchema,
  ticketsPerMonth,
  ticketWindowDaysSchema,
} from './tickets-per-month.ts';
export type {
  ArpuInput,
  CacInput,
  CacPaybackInput,
  LtvToCacInput,
  RetentionCostInput,
} from './unit-economics.ts';
export {
  arpu,
  arpuInputSchema,
  arr,
  arrInputSchema,
  cac,
  cacInputSchema,
  cacPaybackInputSchema,
  cacPaybackMonths,
  grossMarginSchema,
  ltvToCac,
  ltvToCacInputSchema,
  retentionCost,
  retentionCostInputSchema,
} from './unit-economics.ts';
export { windowDaysSchema, windowStart, withinWindow } from './within-window.ts';
