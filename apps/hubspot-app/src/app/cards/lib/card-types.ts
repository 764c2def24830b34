/**
 * The card API's answers as the cards read them (docs/card-api.md; the served OpenAPI document is
 * the authority). Declared here rather than imported: HubSpot builds this folder on its own, so it
 * cannot import workspace packages. Fields the cards do not read are left out.
 */

export type Band = 'green' | 'yellow' | 'red';

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
}

export interface HealthComponent {
  key: HealthSignalKey;
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
    missing: HealthSignalKey[];
    biggestLever: HealthSignalKey | null;
    trend: {
      since: string;
      scoreThen: number | null;
      delta: number | null;
      direction: 'up' | 'down' | 'flat' | null;
      basis: 'snapshot' | 'reconstructed';
      movers: { key: HealthSignalKey; delta: number }[];
    } | null;
  };
  nps: {
    score: number | null;
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    benchmark: { value: number; position: 'above' | 'below' | 'within' } | null;
  };
  csat: { score: number | null; responses: number; good: number; bad: number };
  ces: { score: number | null; responses: number };
  fcr: { rate: number | null; firstContactResolved: number; solved: number };
  firstReply: { medianMinutes: number | null; p90Minutes: number | null; tickets: number };
  revenue: {
    mrr: number | null;
    arr: number | null;
    month: string;
    movement: 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation' | 'flat' | null;
    change: number | null;
    renewalDate: string | null;
    daysToRenewal: number | null;
    tier: 'enterprise' | 'mid-market' | 'smb' | null;
  };
  tickets: { total: number; open: number; urgent: number; openUrgent: number; last30Days: number };
  lastSurveyComments: SurveyComment[];
  computedAt: string;
}

/** When a source's sync last ran and last succeeded (docs/card-api.md names the latter `finishedAt`). */
export interface SourceFreshness {
  status: string;
  lastRunAt?: string;
  lastSucceededAt?: string | null;
  finishedAt?: string | null;
}

/** `null` for a source: never synced, or not connected. */
export interface Freshness {
  hubspot: SourceFreshness | null;
  zendesk: SourceFreshness | null;
  computedAt: string | null;
}

/** The tenant's unmatched counts, by kind (a count, or the store's `{ count, sample }`). */
export type Coverage = Record<string, number | { count: number } | undefined>;

export interface CompanyAnswer {
  card: AccountCard;
  account: AccountReport;
  freshness: Freshness;
  coverage?: Coverage;
  links?: { dashboard?: string | null | undefined };
  /** ISO 4217 code of the portal's company currency when the backend knows it; else USD. */
  currency?: string;
}

export interface DealAnswer {
  deal: {
    id: string;
    name: string | null;
    stage?: string | null;
    amount: number | null;
    mrr: number | null;
    closeDate: string | null;
    contractEndDate: string | null;
    isClosedWon: boolean;
    companyId: string | null;
  };
  card: AccountCard | null;
  renewalRisk: { level: 'high' | 'medium' | 'low' | null; reasons: string[] };
  freshness: Freshness;
  coverage?: Coverage;
  currency?: string;
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
  contact: {
    id: string;
    email: string | null;
    firstName?: string | null;
    lastName?: string | null;
    companyId: string | null;
  };
  /** Oldest first. */
  surveys: ContactSurvey[];
  /** Newest first, at most 20. */
  tickets: ContactTicket[];
  fcr: { rate: number | null; firstContactResolved: number; solved: number };
  card: AccountCard | null;
  freshness: Freshness;
}
