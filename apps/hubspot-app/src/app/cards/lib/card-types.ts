/**
 * The card API's answers as the cards read them (docs/card-api.md). Declared here rather than
 * imported: HubSpot builds this folder on its own, so it cannot import workspace packages. Fields
 * the cards do not read are left out; none is optional unless the contract's is. test/card-types.test.ts checks that the
 * `@csm/accounts` contract's answers are assignable to these, so a contract change the cards
 * have not followed fails the typecheck.
 */

export type Band = 'green' | 'yellow' | 'red';

/** The health signals the cards have a label for; the backend may send others (shown by key). */
export type HealthSignalKey =
  | 'nps'
  | 'csat'
  | 'fcr'
  | 'ticketsPerMonth'
  | 'openUrgentTickets'
  | 'mrrChange'
  | 'daysSinceLastTouch'
  | 'licenseUtilization'
  | 'onboardingCompletion';

export interface AccountReport {
  hubspotCompanyId: string;
  name: string | null;
  domain: string | null;
  health: { score: number | null; band: Band | null };
  nps: { score: number | null; responses: number };
  csat: { score: number | null; responses: number };
  fcr: { rate: number | null; firstContactResolved: number; solved: number };
  mrr: number | null;
  arr: number | null;
  openTickets: number;
  /** ISO 4217 code of the portal's company currency; null = unknown (shown as USD). */
  currency: string | null;
  windows: { npsDays: number; csatDays: number; fcrDays: number };
  lowConfidence: ('nps' | 'csat' | 'ces' | 'fcr')[];
}

/** What a windowed figure rests on: its window, and whether it has fewer than 5 answers (or solved tickets). */
export interface Sample {
  windowDays: number;
  lowConfidence: boolean;
}

export interface HealthComponent {
  key: string;
  value: number;
  score: number;
  weight: number;
  contribution: number;
  gain: number;
}

export interface SurveyComment {
  source: string;
  surveyType: string;
  value: number | null;
  rating: string | null;
  comment: string;
  submittedAt: string;
}

export interface AccountCard {
  account: AccountReport;
  health: {
    score: number | null;
    band: Band | null;
    components: HealthComponent[];
    missing: string[];
    biggestLever: string | null;
    trend: {
      since: string;
      scoreThen: number | null;
      delta: number | null;
      direction: 'up' | 'down' | 'flat' | null;
      basis: 'snapshot' | 'reconstructed';
      movers: { key: string; delta: number }[];
    } | null;
  };
  nps: Sample & {
    score: number | null;
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    benchmark: { value: number; position: 'above' | 'below' | 'within' } | null;
  };
  csat: Sample & { score: number | null; responses: number; positive: number; good: number; bad: number };
  ces: Sample & { score: number | null; responses: number };
  fcr: Sample & { rate: number | null; firstContactResolved: number; solved: number };
  firstReply: {
    medianMinutes: number | null;
    p90Minutes: number | null;
    tickets: number;
    windowDays: number;
  };
  revenue: {
    mrr: number | null;
    arr: number | null;
    /** ISO 4217; null = unknown (shown as USD). */
    currency: string | null;
    month: string;
    movement: 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation' | 'flat' | null;
    change: number | null;
    renewalDate: string | null;
    daysToRenewal: number | null;
    tier: 'enterprise' | 'mid-market' | 'smb' | null;
  };
  tickets: { total: number; open: number; urgent: number; openUrgent: number; last30Days: number };
  lastTouch: { at: string | null; daysSince: number | null };
  lastSurveyComments: SurveyComment[];
  /**
   * The company's HubSpot owner, named (the record shows its owner already; kept for the types).
   * Absent from cards stored before the field existed.
   */
  owner?: { id: string; name: string | null; email: string | null } | null;
  computedAt: string;
}

/** When a source's sync last ran and last succeeded; `paused` (since `pausedAt`) when its credential was refused. */
export interface SourceFreshness {
  status: string;
  lastRunAt: string;
  lastSucceededAt: string | null;
  /** Present when `status` is `paused` (as in the contract). */
  pausedAt?: string | undefined;
}

/** `null` for a source: never synced, or not connected. */
export interface Freshness {
  hubspot: SourceFreshness | null;
  zendesk: SourceFreshness | null;
  computedAt: string | null;
}

/** The tenant's records that link to no account, by kind. */
export interface Coverage {
  unmatchedOrganizations: number;
  unmatchedTickets: number;
  contactsWithoutCompany: number;
  companiesWithoutRevenue: number;
}

export interface CompanyAnswer {
  card: AccountCard;
  account: AccountReport;
  freshness: Freshness;
  coverage: Coverage;
  links: { dashboard: string };
}

export interface DealAnswer {
  deal: {
    id: string;
    name: string | null;
    amount: number | null;
    mrr: number | null;
    /** The deal's own currency (ISO 4217) when it has one, else the portal's; null = unknown (USD). */
    currency: string | null;
    closeDate: string | null;
    contractEndDate: string | null;
    isClosedWon: boolean;
    companyId: string | null;
  };
  card: AccountCard | null;
  renewalRisk: { level: 'high' | 'medium' | 'low' | null; reasons: string[] };
  freshness: Freshness;
}

export interface ContactSurvey extends Omit<SurveyComment, 'comment'> {
  comment: string | null;
}

export interface ContactTicket {
  id: string;
  source: string;
  subject: string | null;
  status: string;
  priority: string | null;
  replies: number | null;
  reopens: number | null;
  oneTouch: boolean | null;
  createdAt: string;
  solvedAt: string | null;
}

export interface ContactAnswer {
  contact: { id: string; email: string | null; companyId: string | null };
  /** Oldest first. */
  surveys: ContactSurvey[];
  /** Newest first, at most 20. */
  tickets: ContactTicket[];
  fcr: { rate: number | null; firstContactResolved: number; solved: number };
  card: AccountCard | null;
  freshness: Freshness;
}
