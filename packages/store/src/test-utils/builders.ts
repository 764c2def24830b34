/**
 * Canonical records with plain defaults, for tests: each builder takes the id and overrides.
 */
import type { AccountFacts } from '../account-facts.ts';
import type {
  CompanyRecord,
  ContactRecord,
  DealRecord,
  OwnerRecord,
  SurveyResponseRecord,
  TicketRecord,
  ZendeskOrganizationRecord,
  ZendeskUserRecord,
} from '../records.ts';

/** The default `updatedAt` / `createdAt` of built records. */
export const builtAt = new Date('2026-01-01T00:00:00Z');

export const aCompany = (id: string, over: Partial<CompanyRecord> = {}): CompanyRecord => ({
  hubspotCompanyId: id,
  name: `Company ${id}`,
  domain: `c${id}.test`,
  ownerId: null,
  createdAt: builtAt,
  updatedAt: builtAt,
  notesLastContacted: null,
  ...over,
});

export const aContact = (id: string, over: Partial<ContactRecord> = {}): ContactRecord => ({
  hubspotContactId: id,
  email: `p${id}@example.test`,
  primaryCompanyId: null,
  updatedAt: builtAt,
  ...over,
});

export const aDeal = (id: string, over: Partial<DealRecord> = {}): DealRecord => ({
  hubspotDealId: id,
  name: null,
  amount: null,
  mrr: null,
  isClosedWon: true,
  closeDate: new Date('2025-01-01T00:00:00Z'),
  contractEndDate: null,
  companyId: null,
  updatedAt: builtAt,
  currency: null,
  ...over,
});

export const aTicket = (id: string, over: Partial<TicketRecord> = {}): TicketRecord => ({
  source: 'zendesk',
  externalId: id,
  subject: null,
  status: 'open',
  priority: 'normal',
  organizationId: null,
  requesterId: null,
  companyId: null,
  contactId: null,
  createdAt: builtAt,
  updatedAt: builtAt,
  solvedAt: null,
  replies: null,
  reopens: null,
  firstReplyMinutes: null,
  fullResolutionMinutes: null,
  ...over,
});

export const aSurveyResponse = (
  id: string,
  over: Partial<SurveyResponseRecord> = {},
): SurveyResponseRecord => ({
  source: 'hubspot',
  externalId: id,
  surveyType: 'NPS',
  value: 9,
  rating: null,
  scaleMin: 0,
  scaleMax: 10,
  contactId: null,
  zendeskTicketId: null,
  companyId: null,
  comment: null,
  submittedAt: builtAt,
  ...over,
});

export const aZendeskOrganization = (
  id: string,
  over: Partial<ZendeskOrganizationRecord> = {},
): ZendeskOrganizationRecord => ({
  zendeskOrgId: id,
  name: `Org ${id}`,
  domainNames: [],
  updatedAt: builtAt,
  ...over,
});

export const aZendeskUser = (id: string, over: Partial<ZendeskUserRecord> = {}): ZendeskUserRecord => ({
  zendeskUserId: id,
  email: null,
  organizationId: null,
  role: 'end-user',
  updatedAt: builtAt,
  ...over,
});

export const anOwner = (id: string, over: Partial<OwnerRecord> = {}): OwnerRecord => ({
  hubspotOwnerId: id,
  email: `owner${id}@example.test`,
  firstName: 'Owner',
  lastName: id,
  archived: false,
  updatedAt: builtAt,
  ...over,
});

/** An account's facts with nothing in them (hand-built facts for report and card tests). */
export const anAccount = (id: string, over: Partial<AccountFacts> = {}): AccountFacts => ({
  hubspotCompanyId: id,
  name: 'Acme',
  domain: 'acme.com',
  ownerId: null,
  npsScores: [],
  csatAnswers: [],
  cesScores: [],
  tickets: [],
  subscriptions: [],
  lastSurveyComments: [],
  lastTouchAt: null,
  answeredAt: { nps: [], csat: [], ces: [] },
  ...over,
});
