import type { CardBundle } from '@csm/store';
import { coverageView, freshnessView } from './card-answers.ts';

/**
 * The company card answer around a stored card, as JSON text. The card and its `account` go out
 * as the refresh wrote them (validated then, in the documented field order): parsing, validating
 * and serialising them again on every request would cost more than the rest of the request. Null
 * when the bundle holds no stored card (not computed yet, or computed before a settings change):
 * the caller computes it.
 */
export function storedCompanyAnswer(bundle: CardBundle, dashboardLink: string): string | null {
  if (bundle.cardText === null || bundle.accountText === null) return null;
  const freshness = JSON.stringify(freshnessView(bundle.freshness, bundle.computedAt));
  const coverage = JSON.stringify(coverageView(bundle.coverage));
  const links = JSON.stringify({ dashboard: dashboardLink });
  return `{"account":${bundle.accountText},"card":${bundle.cardText},"freshness":${freshness},"coverage":${coverage},"links":${links}}`;
}

/** The company card's link to the account's dashboard page. */
export const dashboardLinkOf = (origin: string, companyId: string, portalId: number) =>
  `${origin}/dashboard/accounts/${companyId}?portalId=${portalId}`;
