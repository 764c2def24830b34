/**
 * The shape of `hubspot.fetch` (HubSpot signs the request and appends portalId, userId, userEmail
 * and appId). Cards receive it as a prop so that tests can answer it from the real backend.
 */
export type HubSpotFetch = (
  url: string,
  options?: {
    method?: 'GET' | 'POST';
    timeout?: number;
    headers?: Record<string, string>;
    /** An object: HubSpot sends it as JSON (and signs it). */
    body?: Record<string, unknown>;
  },
) => Promise<Response>;

/** HubSpot stops a `hubspot.fetch` after 15 s at most; the cards give up a little earlier. */
export const FETCH_TIMEOUT_MS = 10_000;

export type CardFetchResult<T> = { found: true; data: T } | { found: false };

/** Why a card request failed: `status` is the HTTP status, or null for a timeout or network error. */
export class CardFetchError extends Error {
  override readonly name = 'CardFetchError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/**
 * Fetches one card answer. A 404 (no such record for this portal, or no data yet) is
 * `{ found: false }`; any other non-2xx answer, a timeout or a network error throws
 * `CardFetchError`.
 *
 * @example
 * const result = await fetchCard<CompanyAnswer>(hubspot.fetch, `${BACKEND_URL}/cards/hubspot/companies/42`);
 */
export async function fetchCard<T>(
  fetch: HubSpotFetch,
  url: string,
  timeoutMs: number = FETCH_TIMEOUT_MS,
): Promise<CardFetchResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CardFetchError(`no answer within ${timeoutMs} ms`, null)), timeoutMs);
  });
  try {
    const response = await Promise.race([fetch(url, { method: 'GET', timeout: timeoutMs }), timeout]);
    if (response.status === 404) return { found: false };
    if (!response.ok) throw new CardFetchError(`the backend answered ${response.status}`, response.status);
    return { found: true, data: (await response.json()) as T };
  } catch (error) {
    if (error instanceof CardFetchError) throw error;
    throw new CardFetchError(error instanceof Error ? error.message : String(error), null);
  } finally {
    clearTimeout(timer);
  }
}
