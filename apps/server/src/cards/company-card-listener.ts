import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { verifyHubSpotSignature } from '../http/hubspot-signature.ts';
import { isPortalId, isRecordId } from '../http/ids.ts';
import type { ServerMetrics } from '../http/server-metrics.ts';
import { dashboardLinkOf, storedCompanyAnswer } from './stored-answer.ts';

export interface CompanyCardListenerOptions {
  store: Store;
  clientSecret: string | undefined;
  publicUrl: string;
  now: () => Date;
  metrics: ServerMetrics;
  logger: Logger;
}

/** A Node request listener that may decline a request: false (or a promise of false) = not answered. */
export type EdgeListener = (req: IncomingMessage, res: ServerResponse) => false | Promise<boolean>;

const COMPANY_PATH = /^\/cards\/hubspot\/companies\/(\d{1,19})$/;
/** The route label the app's request metrics give this route. */
const ROUTE = '/cards/hubspot/companies/:companyId';

const repeatsAKey = (params: URLSearchParams) => {
  const keys = [...params.keys()];
  return new Set(keys).size !== keys.length;
};

/**
 * The company card's hot path at the Node edge, ahead of the app: a signed GET of a stored card
 * that holds is answered from one prepared statement with the stored text, without building a
 * Web Request, running the app's middleware or validating the card again. The signature is
 * verified the same way (hubspot-signature.ts) and the tenant is the signed portal, in the same
 * statement. Every other request, and any of these it cannot answer that way (a refused
 * signature, an unknown portal or account, a card to compute, a database error), is declined and
 * goes to the app, which answers it by the route's full rules (hubspot-cards.ts).
 *
 * @example
 * const edge = companyCardListener({ store, clientSecret, publicUrl, now, metrics, logger });
 * createServer((req, res) => {
 *   const answered = edge(req, res);
 *   if (answered === false) toApp(req, res);
 *   else answered.then((done) => done || toApp(req, res));
 * });
 */
export function companyCardListener(options: CompanyCardListenerOptions): EdgeListener {
  const { store } = options;
  // Without the secret nothing can be verified: the app refuses every card request (503).
  if (!options.clientSecret) return () => false;
  const clientSecret: string = options.clientSecret;
  const origin = new URL(options.publicUrl).origin;
  const observe = options.metrics.requestSeconds.labels('GET', ROUTE, '200');

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const started = performance.now();
    // The URL as the app sees it (normalized by URL), so that both check the same signed URI.
    const url = new URL(req.url!, origin);
    const companyId = COMPANY_PATH.exec(url.pathname)?.[1];
    const portalId = url.searchParams.get('portalId');
    // A NUL, a doubtful id or a repeated parameter: the app refuses it with the field named.
    if (!companyId || !isRecordId(companyId) || url.search.includes('%00')) return false;
    if (!portalId || !isPortalId(portalId) || repeatsAKey(url.searchParams)) return false;
    const signature = req.headers['x-hubspot-signature-v3'];
    const timestamp = req.headers['x-hubspot-request-timestamp'];
    const check = verifyHubSpotSignature({
      clientSecret,
      method: 'GET',
      uri: `${origin}${url.pathname}${url.search}`,
      body: '',
      signature: typeof signature === 'string' ? signature : undefined,
      timestamp: typeof timestamp === 'string' ? timestamp : undefined,
      now: options.now().getTime(),
    });
    if (!check.ok) return false;
    const bundle = await store.accountMetrics.cardBundle(Number(portalId), companyId);
    if (!bundle?.tenantActive) return false;
    const text = storedCompanyAnswer(bundle, dashboardLinkOf(origin, companyId, Number(portalId)));
    if (text === null) return false;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
    const seconds = (performance.now() - started) / 1000;
    observe.observe(seconds);
    options.logger.info(
      { method: 'GET', path: url.pathname, status: 200, ms: Math.round(seconds * 1000) },
      'request',
    );
    return true;
  }

  return (req, res) => {
    // Only a bodiless GET of a company card; anything else is declined before any work.
    if (req.method !== 'GET' || !req.url?.startsWith('/cards/hubspot/companies/')) return false;
    if (req.headers['transfer-encoding'] || (req.headers['content-length'] ?? '0') !== '0') return false;
    return answer(req, res);
  };
}
