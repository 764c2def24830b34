import type { Store } from '@csm/store';

type Kind = Parameters<Store['writePage']>[0]['kind'];

/** Writes `count` records of a kind through the sync's own page writer, `page` at a time. */
export async function writePages(
  store: Store,
  tenantId: number,
  kind: Kind,
  count: number,
  make: (i: number) => unknown,
  page = 1000,
): Promise<void> {
  for (let i = 0; i < count; i += page) {
    const records = Array.from({ length: Math.min(page, count - i) }, (_, k) => make(i + k));
    await store.writePage({ tenantId, stream: `bench.${kind}`, kind, records } as Parameters<
      Store['writePage']
    >[0]);
  }
}

/**
 * A synthetic portfolio of `n` accounts for the card and refresh benchmarks: n companies (50
 * owners), 2n contacts, n deals (most closed-won), 3n HubSpot tickets and n NPS answers, dated
 * by `at(daysAgo)`.
 */
export async function writeBenchPortfolio(
  store: Store,
  tenantId: number,
  n: number,
  at: (daysAgo: number) => Date,
): Promise<void> {
  const pages = (kind: Kind, count: number, make: (i: number) => unknown) =>
    writePages(store, tenantId, kind, count, make);
  await pages('companies', n, (i) => ({
    hubspotCompanyId: String(i + 1),
    name: `Company ${i + 1}`,
    domain: `c${i + 1}.test`,
    ownerId: String((i % 50) + 1),
    createdAt: at(400),
    updatedAt: at(1),
  }));
  await pages('contacts', n * 2, (i) => ({
    hubspotContactId: String(i + 1),
    email: `p${i + 1}@c${(i % n) + 1}.test`,
    primaryCompanyId: String((i % n) + 1),
    updatedAt: at(1),
  }));
  await pages('deals', n, (i) => ({
    hubspotDealId: String(i + 1),
    name: `Deal ${i + 1}`,
    amount: 12_000 + (i % 7) * 1200,
    mrr: null,
    isClosedWon: i % 9 !== 0,
    closeDate: at(300 - (i % 200)),
    contractEndDate: i % 4 === 0 ? at(-60) : null,
    companyId: String(i + 1),
    updatedAt: at(1),
  }));
  await pages('tickets', n * 3, (i) => ({
    source: 'hubspot',
    externalId: String(i + 1),
    subject: 'Help',
    status: i % 5 === 0 ? 'open' : 'solved',
    priority: i % 23 === 0 ? 'urgent' : 'normal',
    organizationId: null,
    requesterId: null,
    companyId: String((i % n) + 1),
    contactId: null,
    createdAt: at(i % 120),
    updatedAt: at(i % 60),
    solvedAt: i % 5 === 0 ? null : at(i % 50),
    replies: 1 + (i % 3),
    reopens: i % 11 === 0 ? 1 : 0,
    firstReplyMinutes: 5 + (i % 300),
    fullResolutionMinutes: 100,
  }));
  await pages('surveyResponses', n, (i) => ({
    source: 'hubspot',
    externalId: String(i + 1),
    surveyType: 'NPS',
    value: i % 11,
    rating: null,
    scaleMin: 0,
    scaleMax: 10,
    contactId: String((i % (n * 2)) + 1),
    zendeskTicketId: null,
    companyId: null,
    comment: i % 3 === 0 ? 'comment' : null,
    submittedAt: at(i % 90),
  }));
}
