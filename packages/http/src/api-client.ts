import type { AuthProvider } from './auth.ts';
import { ApiError } from './errors.ts';
import type { RateBudget } from './rate-budget.ts';
import { backoffDelay, type RetryPolicy, retryAfterMs } from './retry-policy.ts';
import { sleep } from './sleep.ts';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the client's base URL, e.g. `/crm/v3/objects/companies`. */
  path: string;
  /** A list value repeats the parameter (`properties=a&properties=b`). */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded (OAuth token endpoints). */
  form?: Record<string, string>;
  /** Skip the Authorization header (token endpoints authenticate in the body). */
  anonymous?: boolean;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** What the client reports after each attempt, for progress bars, logs and metrics. */
export type ApiEvent =
  | { type: 'response'; path: string; status: number; durationMs: number }
  | { type: 'retry'; path: string; reason: string; waitMs: number; attempt: number }
  | { type: 'rate_limited'; path: string; waitMs: number };

export interface ApiClientOptions {
  /** For messages: `HubSpot`, `Zendesk`. */
  name: string;
  baseUrl: string;
  auth?: AuthProvider;
  policy: RetryPolicy;
  /** Budgets by key (see `RetryPolicy.budgetKey`); `default` is required. */
  budgets: Record<string, RateBudget> & { default: RateBudget };
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: ApiEvent) => void;
  fetch?: typeof fetch;
}

export interface ApiClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
  budgetWaitMs: number;
}

export interface ApiClient {
  readonly name: string;
  readonly baseUrl: string;
  request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>>;
  stats(): ApiClientStats;
}

/**
 * One HTTP client per tenant and API: every request spends from the tenant's rate budget, and
 * failures follow the API's retry table.
 *
 * @example
 * const client = createApiClient({ name: 'HubSpot', baseUrl, auth: bearerAuth(token), policy: hubspotPolicy, budgets });
 * const { body } = await client.request({ path: '/crm/v3/objects/companies', query: { limit: 100 } });
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const counters: Omit<ApiClientStats, 'budgetWaitMs'> = { requests: 0, retries: 0, rateLimited: 0 };
  const { policy, budgets } = options;

  function budgetFor(key: string): RateBudget {
    return budgets[key] ?? budgets.default;
  }

  async function request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
    const method = req.method ?? (req.json !== undefined || req.form ? 'POST' : 'GET');
    const url = buildUrl(baseUrl, req.path, req.query);
    const key = policy.budgetKey(req.path, method);
    const budget = budgetFor(key);
    let failures = 0;
    let rateLimits = 0;
    let refreshed = false;

    for (;;) {
      await budget.take(options.signal);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (!req.anonymous && options.auth) headers.authorization = await options.auth.header();
      let body: string | undefined;
      if (req.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(req.json);
      } else if (req.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(req.form).toString();
      }

      const started = performance.now();
      let response: Response;
      counters.requests += 1;
      try {
        const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000)];
        if (options.signal) signals.push(options.signal);
        response = await doFetch(url, { method, headers, body, signal: AbortSignal.any(signals) });
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        failures += 1;
        if (failures >= policy.maxAttempts) {
          throw new ApiError(
            'network',
            `${options.name}: ${method} ${req.path} failed: ${errorText(error)}`,
            {
              retryable: true,
              cause: error,
            },
          );
        }
        await retryWait(req.path, `network: ${errorText(error)}`, backoffDelay(failures, policy), failures);
        continue;
      }
      const durationMs = performance.now() - started;
      options.onEvent?.({ type: 'response', path: req.path, status: response.status, durationMs });
      const reading = policy.readRateLimit(response.headers, key);
      if (reading) budget.observe(reading);

      const parsed = await readBody(response);
      if (response.ok) return { status: response.status, body: parsed as T, headers: response.headers };

      const status = response.status;
      if (status === 429) {
        counters.rateLimited += 1;
        rateLimits += 1;
        const wait = retryAfterMs(response.headers) ?? backoffDelay(rateLimits + 2, policy);
        // Hold back every request of this client, not only this one: the API said stop, and a
        // request on another budget inside the announced wait would count against us too.
        for (const b of Object.values(budgets)) b.blockUntil(Date.now() + wait);
        options.onEvent?.({ type: 'rate_limited', path: req.path, waitMs: wait });
        if (rateLimits > policy.max429Retries) {
          throw new ApiError(
            'rate_limited',
            `${options.name}: still rate limited after ${rateLimits} tries`,
            {
              status,
              retryable: true,
            },
          );
        }
        counters.retries += 1;
        continue;
      }
      if (status >= 500) {
        failures += 1;
        if (failures >= policy.maxAttempts) {
          throw new ApiError(
            'upstream',
            `${options.name}: ${policy.describeError(status, parsed, req.path)}`,
            {
              status,
              retryable: true,
            },
          );
        }
        await retryWait(req.path, `HTTP ${status}`, backoffDelay(failures, policy), failures);
        continue;
      }
      if (status === 401 && policy.refreshOnUnauthorized && !refreshed && options.auth?.refresh) {
        refreshed = true;
        if (await options.auth.refresh()) {
          counters.retries += 1;
          continue;
        }
      }
      throw new ApiError(
        codeFor(status),
        `${options.name}: ${policy.describeError(status, parsed, req.path)}`,
        {
          status,
        },
      );
    }
  }

  async function retryWait(path: string, reason: string, waitMs: number, attempt: number) {
    counters.retries += 1;
    options.onEvent?.({ type: 'retry', path, reason, waitMs, attempt });
    await sleep(waitMs, options.signal);
  }

  return {
    name: options.name,
    baseUrl,
    request,
    stats: () => ({
      ...counters,
      budgetWaitMs: Object.values(budgets).reduce((sum, b) => sum + b.waitedMs, 0),
    }),
  };
}

function buildUrl(baseUrl: string, path: string, query: ApiRequest['query']): string {
  const url = new URL(baseUrl + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const item of value) url.searchParams.append(name, item);
    else url.searchParams.set(name, String(value));
  }
  return url.toString();
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function codeFor(status: number): ApiError['code'] {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 400 || status === 409 || status === 422) return 'invalid_input';
  return 'upstream';
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
