import type { ApiClient, ApiRequest, ApiResponse } from '@csm/http';
import zendesk from 'node-zendesk';

/**
 * node-zendesk (https://github.com/blakmatrix/node-zendesk) with our transport under it: its
 * `transportConfig.transportFn` hands every request to one `ApiClient` of `@csm/http`, so the
 * rate budget, the retry table, OAuth refresh and request counting stay the one policy, and
 * `ZENDESK_API_BASE_URL` (the client's base URL) is where every request goes.
 *
 * node-zendesk builds URLs, headers and JSON bodies; our transport sends them. Its
 * `Authorization` header is replaced by the client's own (the OAuth token may have been
 * refreshed since), and errors reach callers as our `ApiError` (`throwOriginalException`).
 */
export type ZendeskSdkClient = ReturnType<typeof zendesk.createClient>;

/** node-zendesk's `Client#request`, whose typings say less than it returns. */
type GenericRequest = (method: string, uri: string, ...args: unknown[]) => Promise<unknown>;

interface AdaptedResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  /** Our transport's answer, body already parsed. */
  answer: ApiResponse;
}

const SDK_USER_AGENT = 'success-metrics (node-zendesk)';

/** Query values as our client sends them: undefined left out, the rest as text. */
export type Query = Record<string, string | number | boolean | undefined>;

/** `api`: the API under `/api/v2`, signed by the client; `token`: the OAuth token endpoint, unsigned. */
type Variant = 'api' | 'token';
const cache = new WeakMap<ApiClient, Partial<Record<Variant, ZendeskSdkClient>>>();

function transportOf(client: ApiClient, anonymous: boolean) {
  const base = new URL(client.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  return {
    async transportFn(uri: string, options: { method?: string; body?: unknown }): Promise<ApiResponse> {
      const url = new URL(uri);
      if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`))
        throw new Error(`node-zendesk asked for ${url.origin}${url.pathname}, outside ${client.baseUrl}`);
      const request: ApiRequest = {
        method: (options.method ?? 'GET').toUpperCase() as NonNullable<ApiRequest['method']>,
        path: url.pathname.slice(basePath.length),
        query: Object.fromEntries(url.searchParams),
        anonymous,
      };
      if (typeof options.body === 'string') request.json = JSON.parse(options.body);
      return client.request(request);
    },
    responseAdapter(answer: ApiResponse): AdaptedResponse {
      return {
        status: answer.status,
        statusText: '',
        headers: {
          // Our client parsed the body already; node-zendesk reads it only when it looks like JSON.
          get: (name) =>
            answer.headers.get(name) ?? (name.toLowerCase() === 'content-type' ? 'application/json' : null),
        },
        json: async () => answer.body ?? {},
        answer,
      };
    },
  };
}

function build(client: ApiClient, variant: Variant): ZendeskSdkClient {
  return zendesk.createClient({
    endpointUri: variant === 'api' ? `${client.baseUrl}/api/v2` : client.baseUrl,
    // Placeholders: node-zendesk insists on credentials; our transport sends the client's own.
    oauth: true,
    token: 'set-by-transport',
    throwOriginalException: true,
    debug: false,
    transportConfig: transportOf(client, variant === 'token'),
    userAgent: SDK_USER_AGENT,
  } as Parameters<typeof zendesk.createClient>[0]);
}

/**
 * The node-zendesk client over `client`, made once per client: `api` (default) for the API under
 * `/api/v2`; `token` for OAuth's `/oauth/tokens`, which authenticates in the body.
 *
 * @example
 * const { result } = await zendeskSdk(client).users.me();
 */
export function zendeskSdk(client: ApiClient, variant: Variant = 'api'): ZendeskSdkClient {
  const entry = cache.get(client) ?? {};
  cache.set(client, entry);
  entry[variant] ??= build(client, variant);
  return entry[variant];
}

/** Our transport's answer inside what a node-zendesk call resolved to. */
export function answerOf(resolved: unknown): ApiResponse {
  const answer = (resolved as { response?: Partial<AdaptedResponse> } | null)?.response?.answer;
  if (!answer) throw new Error('node-zendesk answered without going through our transport');
  return answer;
}

/** `path` (below the API's base URL) and `query` as one absolute URL, encoded as our client encodes. */
export function absoluteUrl(client: ApiClient, path: string, query: Query = {}): string {
  const url = new URL(client.baseUrl + path);
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, String(value));
  return url.toString();
}

/**
 * A request through node-zendesk's generic path, for endpoints that have no method there or whose
 * method pages on its own (see docs/architecture.md, "node-zendesk"): an absolute URL below its
 * endpoint is sent as given, exactly as node-zendesk follows `links.next` itself.
 *
 * @example
 * const { body } = await zendeskRequest(client, 'tickets', 'GET', '/api/v2/incremental/tickets/cursor.json', { start_time: 0 });
 */
export async function zendeskRequest(
  client: ApiClient,
  resource: 'tickets' | 'users' | 'organizations' | 'satisfactionratings' | 'webhooks' | 'oauthtokens',
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  query: Query = {},
  options: { body?: object; variant?: Variant } = {},
): Promise<ApiResponse> {
  const sdk = zendeskSdk(client, options.variant);
  const request = (sdk[resource] as unknown as { request: GenericRequest }).request.bind(sdk[resource]);
  const url = absoluteUrl(client, path, query);
  return answerOf(await (options.body ? request(method, url, options.body) : request(method, url)));
}
