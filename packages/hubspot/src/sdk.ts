/**
 * `@hubspot/api-client` with our transport under it. Its generated, typed APIs build each
 * request (path, query, serialized body) and read each answer (`...WithHttpInfo`: status,
 * headers, typed data); sending is ours: every request goes through one `ApiClient` of
 * `@csm/http`, so the rate budget, the retry table, OAuth refresh ahead of expiry and request
 * counting stay the one policy, and `HUBSPOT_API_BASE_URL` (the client's base URL, the SDK's
 * `basePath`) is where every request goes.
 *
 * The hook is the generator's own: `createConfiguration({ httpApi })` of each API module takes the
 * HTTP layer (`wrapHttpLibrary` of a promise-based `send`). The `Client` class offers none
 * (its configuration has no HTTP layer, and the per-call `httpApi` option is ignored by the
 * generated code, which sends through the module's configured one), so the typed APIs are built
 * from their modules here. The SDK's own retries and limiter belong to `Client` and are not used.
 * Errors reach callers as our `ApiError`: the transport refuses non-2xx answers before the SDK
 * sees them. See docs/architecture.md, "@hubspot/api-client".
 */
import type { ApiClient, ApiRequest, ApiResponse } from '@csm/http';
import * as associations from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import * as labels from '@hubspot/api-client/lib/codegen/crm/associations/v4/schema/index.js';
import * as objects from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import * as owners from '@hubspot/api-client/lib/codegen/crm/owners/index.js';
import * as properties from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import * as oauth from '@hubspot/api-client/lib/codegen/oauth/index.js';

type Method = NonNullable<ApiRequest['method']>;
const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** What every API module's `RequestContext` offers (each module declares its own class). */
interface SdkRequest {
  getUrl(): string;
  getHttpMethod(): string;
  getBody(): unknown;
}

interface SdkAnswer {
  status: number;
  headers: Record<string, string>;
  body: { text(): Promise<string>; binary(): Promise<Buffer> };
}

/** What our transport answered, kept with the body the SDK reads, so callers can validate it. */
const answers = new WeakMap<object, ApiResponse>();

/** The body of a request the SDK built, as our client sends it (JSON and form bodies). */
function bodyOf(request: SdkRequest): Pick<ApiRequest, 'json' | 'form'> {
  const body = request.getBody();
  if (body === undefined || body === '') return {};
  if (typeof body === 'string') return { json: JSON.parse(body) };
  if (body instanceof URLSearchParams) return { form: Object.fromEntries(body) };
  throw new Error('@hubspot/api-client: multipart bodies are not sent through this transport');
}

/** Sends each request the SDK built through `client`. */
function sender(client: ApiClient, anonymous: boolean) {
  const base = new URL(client.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  return async (request: SdkRequest): Promise<SdkAnswer> => {
    const url = new URL(request.getUrl());
    if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`))
      throw new Error(
        `@hubspot/api-client asked for ${url.origin}${url.pathname}, outside ${client.baseUrl}`,
      );
    const method = String(request.getHttpMethod());
    if (!METHODS.has(method)) throw new Error(`@hubspot/api-client: ${method} is not sent`);
    const query: Record<string, string | string[]> = {};
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      query[name] = values.length === 1 ? values[0]! : values;
    }
    const answer = await client.request({
      method: method as Method,
      path: url.pathname.slice(basePath.length),
      query,
      ...bodyOf(request),
      ...(anonymous ? { anonymous } : {}),
    });
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // Our client parsed the body; the SDK parses it again from text, as JSON when it says so.
    const json = answer.body !== null && typeof answer.body !== 'string';
    const text = json ? JSON.stringify(answer.body) : ((answer.body as string | null) ?? '');
    if (json) headers['content-type'] = 'application/json';
    const body = { text: async () => text, binary: async () => Buffer.from(text) };
    answers.set(body, answer);
    return { status: answer.status, headers, body };
  };
}

function build(client: ApiClient, anonymous: boolean) {
  const send = sender(client, anonymous);
  const basePath = client.baseUrl;
  // Each module declares its own HTTP classes; the same sender serves them all. No auth methods:
  // the transport sends the client's own Authorization header (refreshed ahead of expiry).
  const objectsConfig = objects.createConfiguration({
    baseServer: new objects.ServerConfiguration(basePath, {}),
    httpApi: objects.wrapHttpLibrary({
      send: async (r) => {
        const a = await send(r);
        return new objects.ResponseContext(a.status, a.headers, a.body);
      },
    }),
    authMethods: {},
  });
  const associationsConfig = associations.createConfiguration({
    baseServer: new associations.ServerConfiguration(basePath, {}),
    httpApi: associations.wrapHttpLibrary({
      send: async (r) => {
        const a = await send(r);
        return new associations.ResponseContext(a.status, a.headers, a.body);
      },
    }),
    authMethods: {},
  });
  const labelsConfig = labels.createConfiguration({
    baseServer: new labels.ServerConfiguration(basePath, {}),
    httpApi: labels.wrapHttpLibrary({
      send: async (r) => {
        const a = await send(r);
        return new labels.ResponseContext(a.status, a.headers, a.body);
      },
    }),
    authMethods: {},
  });
  const propertiesConfig = properties.createConfiguration({
    baseServer: new properties.ServerConfiguration(basePath, {}),
    httpApi: properties.wrapHttpLibrary({
      send: async (r) => {
        const a = await send(r);
        return new properties.ResponseContext(a.status, a.headers, a.body);
      },
    }),
    authMethods: {},
  });
  const ownersConfig = owners.createConfiguration({
    baseServer: new owners.ServerConfiguration(basePath, {}),
    httpApi: owners.wrapHttpLibrary({
      send: async (r) => {
        const a = await send(r);
        return new owners.ResponseContext(a.status, a.headers, a.body);
      },
    }),
    authMethods: {},
  });
  const oauthConfig = oauth.createConfiguration({
    baseServer: new oauth.ServerConfiguration(basePath, {}),
    httpApi: oauth.wrapHttpLibrary({
      send: async (r) => {
        const a = await send(r);
        return new oauth.ResponseContext(a.status, a.headers, a.body);
      },
    }),
    authMethods: {},
  });
  return {
    crm: {
      objects: {
        basicApi: new objects.BasicApi(objectsConfig),
        batchApi: new objects.BatchApi(objectsConfig),
        searchApi: new objects.SearchApi(objectsConfig),
      },
      associations: {
        v4: {
          batchApi: new associations.BatchApi(associationsConfig),
          schema: { definitionsApi: new labels.DefinitionsApi(labelsConfig) },
        },
      },
      properties: {
        coreApi: new properties.CoreApi(propertiesConfig),
        groupsApi: new properties.GroupsApi(propertiesConfig),
      },
      owners: { ownersApi: new owners.OwnersApi(ownersConfig) },
    },
    oauth: { tokensApi: new oauth.TokensApi(oauthConfig) },
  };
}

/** The typed HubSpot APIs the connector uses, over one of our clients. */
export type HubSpotSdk = ReturnType<typeof build>;

const cache = new WeakMap<ApiClient, { signed?: HubSpotSdk; anonymous?: HubSpotSdk }>();

/**
 * The SDK over `client`, made once per client. `anonymous` leaves the Authorization header out
 * (OAuth's token endpoint authenticates in the form body).
 *
 * @example
 * const info = await hubspotSdk(client).crm.objects.basicApi.getPageWithHttpInfo('companies', 100);
 * const page = rawBody(info); // what HubSpot sent, for our zod schemas
 */
export function hubspotSdk(client: ApiClient, options: { anonymous?: boolean } = {}): HubSpotSdk {
  const entry = cache.get(client) ?? {};
  cache.set(client, entry);
  const key = options.anonymous ? 'anonymous' : 'signed';
  entry[key] ??= build(client, options.anonymous ?? false);
  return entry[key];
}

/**
 * The body HubSpot sent for an SDK call, parsed as our transport parsed it. Our zod schemas
 * validate this rather than the SDK's typed data: its deserializer coerces what it does not
 * expect (a string where an object belongs becomes a map of characters) instead of refusing it,
 * and a malformed item must be quarantined, not silently reshaped.
 */
export function rawBody(info: { body: object }): unknown {
  const answer = answers.get(info.body);
  if (!answer) throw new Error('@hubspot/api-client answered without going through our transport');
  return answer.body;
}

/** Our transport's whole answer (status and headers, e.g. the rate-limit headers) for an SDK call. */
export function answerOf(info: { body: object }): ApiResponse {
  const answer = answers.get(info.body);
  if (!answer) throw new Error('@hubspot/api-client answered without going through our transport');
  return answer;
}
